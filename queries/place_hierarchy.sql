-- The places above and below one place: its ancestors (nearest first) and its
-- direct children. $place: a place_id.
with
ancestors as (
    select
        unnest(place_lineage_summary.ancestor_ids) as place_id,
        generate_subscripts(place_lineage_summary.ancestor_ids, 1) as depth
    from place_lineage_summary
    where place_lineage_summary.place_id = $place
),

above as (
    select 'within' as relation, ancestors.place_id, ancestors.depth
    from ancestors
    where ancestors.depth > 1
),

below as (
    select 'contains' as relation, places.place_id, 0 as depth
    from places
    where places.parent_id = $place
),

final as (
    select
        linked.relation,
        linked.place_id,
        places.name,
        places.kind,
        linked.depth
    from (select * from above union all select * from below) as linked
    inner join places on linked.place_id = places.place_id
)

select * from final
order by final.relation desc, final.depth, final.name;
