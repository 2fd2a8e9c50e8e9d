-- Programmes that list this place, a place within it, or a place it sits within.
-- $place: a place_id.
with
lineage as (
    select place_lineage_summary.place_id, place_lineage_summary.ancestor_ids from place_lineage_summary
),

related as (
    select
        programme_places.programme_id,
        programme_places.place_id,
        programme_places.role,
        programme_places.source_id,
        programme_places.locator,
        case
            when programme_places.place_id = $place then 'this place'
            when list_contains(child.ancestor_ids, $place) then 'a place within it'
            else 'a place it sits within'
        end as relation
    from programme_places
    inner join lineage as child on programme_places.place_id = child.place_id
    where
        list_contains(child.ancestor_ids, $place)
        or list_contains((select lineage.ancestor_ids from lineage where lineage.place_id = $place),
            programme_places.place_id)
),

final as (
    select
        programmes.programme_id,
        programmes.short_name as programme_name,
        places.place_id as listed_place_id,
        places.name as listed_place,
        related.relation,
        related.role,
        programmes.period_note,
        sources.source_id,
        sources.title as source_title,
        related.locator
    from related
    inner join programmes on related.programme_id = programmes.programme_id
    inner join places on related.place_id = places.place_id
    inner join sources on related.source_id = sources.source_id
)

select * from final
order by final.relation = 'this place' desc, final.programme_name, final.listed_place;
