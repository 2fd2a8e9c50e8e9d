-- Places a storyboard can focus on: places of pilots or findings, and the
-- places that contain them, by name.
with
used_places as (
    select pilots.place_id from pilots
    union
    select barrier_evidence.place_id from barrier_evidence where barrier_evidence.place_id is not null
),

with_ancestors as (
    select distinct unnest(place_lineage.ancestor_ids) as place_id
    from used_places
    inner join place_lineage on used_places.place_id = place_lineage.place_id
),

final as (
    select places.place_id, places.name, places.kind
    from with_ancestors
    inner join places on with_ancestors.place_id = places.place_id
)

select * from final
order by final.name, final.place_id;
