-- Values for the explorer's filters: every barrier, place with a pilot (or
-- above one), department over time, programme, kind, status and strength of
-- evidence (weakest first, as fivebarriers/evidence.py lists them).
with
pilot_places as (
    select distinct unnest(place_lineage.ancestor_ids) as place_id
    from pilots
    inner join place_lineage on pilots.place_id = place_lineage.place_id
),

options as (
    select 'barrier' as dimension, barriers.barrier_id as value, barriers.name as label,
        barriers.display_order as sort_order
    from barriers
    union all
    select 'place', places.place_id, places.name || ' (' || places.kind || ')', 0
    from places
    where places.place_id in (select pilot_places.place_id from pilot_places)
    union all
    select 'department', department_lineages.lineage_id, department_lineages.current_name, 0
    from department_lineages
    union all
    select 'programme', programmes.programme_id, programmes.short_name, 0 from programmes
    union all
    select 'kind', kind, kind, 0 from (values ('achieved'), ('expected')) as kinds (kind)
    union all
    select 'status', status, status, 0 from (values ('reported'), ('not reported')) as statuses (status)
    union all
    select 'strength', strength, strength, sort_order
    from (
        values
            ('a projection', 1), ('reported in an article', 2), ('reported by the programme', 3),
            ('an independent evaluation', 4), ('an independent impact evaluation', 5), ('not yet assessed', 6)
    ) as strengths (strength, sort_order)
)

select * from options
order by options.dimension, options.sort_order, options.label;
