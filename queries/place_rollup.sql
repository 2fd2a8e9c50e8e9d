-- Included by barrier_reach.sql and place_map.sql (fivebarriers/queries.py),
-- so a place is rolled up the same way on the Overview, the Barriers page and
-- the map: common table expressions, not a query of its own.
-- place_rollup: every place with the place it counts as (counted_place_id),
-- the nearest place at or above it that a programme names (Croxteth counts as
-- Liverpool, Hastings as East Sussex, Bodmin as Cornwall); a place no
-- programme names counts as itself. Countries and nations are not programme
-- places: a pilot in England is not rolled up to England.
programme_place_ids as (
    select distinct programme_places.place_id
    from programme_places
    inner join places on programme_places.place_id = places.place_id
    where places.kind not in ('country', 'nation')
),

ancestry as (
    select
        place_lineage_summary.place_id,
        unnest(place_lineage_summary.ancestor_ids) as ancestor_id,
        generate_subscripts(place_lineage_summary.ancestor_ids, 1) as depth
    from place_lineage_summary
),

rolled_up as (
    select
        ancestry.place_id,
        arg_min(ancestry.ancestor_id, ancestry.depth) as counted_place_id
    from ancestry
    inner join programme_place_ids on ancestry.ancestor_id = programme_place_ids.place_id
    group by ancestry.place_id
),

place_rollup as (
    select places.place_id, coalesce(rolled_up.counted_place_id, places.place_id) as counted_place_id
    from places
    left join rolled_up on places.place_id = rolled_up.place_id
)
