-- A place may not be its own ancestor.
with recursive
walk (start_id, place_id, depth) as (
    select places.place_id, places.parent_id, 1
    from places
    where places.parent_id is not null
    union all
    select walk.start_id, places.parent_id, walk.depth + 1
    from walk
    inner join places on walk.place_id = places.place_id
    where places.parent_id is not null and walk.place_id <> walk.start_id and walk.depth < 64
),

final as (
    select distinct 'places' as table_name, start_id as row_key, 'hierarchy loop' as rule,
        'place is its own ancestor: break the loop in parent_id' as problem
    from walk
    where walk.place_id = walk.start_id
)

select * from final
order by row_key;
