-- Views the pages read. Lists are built per pilot (thousands of rows), not
-- per output (millions), so the join stays cheap at 10M outputs.

create or replace view place_lineage as
with recursive
walk (place_id, ancestor_id, depth) as (
    select
        places.place_id,
        places.place_id,
        0
    from places
    union all
    select
        walk.place_id,
        parent.parent_id,
        walk.depth + 1
    from walk
    inner join places as parent on walk.ancestor_id = parent.place_id
    where parent.parent_id is not null and walk.depth < 12
),

final as (
    select
        walk.place_id,
        list(walk.ancestor_id order by walk.depth) as ancestor_ids
    from walk
    group by walk.place_id
)

select * from final;

create or replace view department_lineages as
with
current_names as (
    select
        departments.lineage_id,
        arg_max(departments.name, coalesce(departments.valid_from, date '1900-01-01')) as current_name,
        arg_max(departments.abbreviation, coalesce(departments.valid_from, date '1900-01-01')) as current_abbreviation,
        list(departments.abbreviation order by departments.valid_from nulls first) as abbreviations,
        count(*) as name_count
    from departments
    group by departments.lineage_id
)

select * from current_names;

-- One row per pilot with everything the pages filter on. The results view
-- joins it to outputs once, so a filter on place, barrier, department or
-- programme is applied to thousands of pilots before the join, not to
-- millions of outputs after it (about 15x faster at 10M outputs).
create or replace view pilot_facts as
with
pilot_barrier_lists as (
    select
        pilot_barriers.pilot_id,
        list(distinct pilot_barriers.barrier_id order by pilot_barriers.barrier_id) as barrier_ids,
        list(distinct pilot_barriers.barrier_id order by pilot_barriers.barrier_id)
            filter (where pilot_barriers.role = 'addressed') as barriers_addressed
    from pilot_barriers
    group by pilot_barriers.pilot_id
),

pilot_department_lists as (
    select
        pilot_departments.pilot_id,
        list(distinct departments.lineage_id order by departments.lineage_id) as department_ids
    from pilot_departments
    inner join departments on pilot_departments.department_id = departments.department_id
    group by pilot_departments.pilot_id
),

final as (
    select
        pilots.pilot_id,
        pilots.name as pilot_name,
        pilots.programme_id,
        programmes.short_name as programme_name,
        pilots.place_id,
        places.name as place_name,
        coalesce(place_lineage.ancestor_ids, [pilots.place_id]) as place_ancestor_ids,
        coalesce(pilot_barrier_lists.barrier_ids, []) as barrier_ids,
        coalesce(pilot_barrier_lists.barriers_addressed, []) as barriers_addressed,
        coalesce(pilot_department_lists.department_ids, []) as department_ids
    from pilots
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    left join place_lineage on pilots.place_id = place_lineage.place_id
    left join pilot_barrier_lists on pilots.pilot_id = pilot_barrier_lists.pilot_id
    left join pilot_department_lists on pilots.pilot_id = pilot_department_lists.pilot_id
)

select * from final;

create or replace view results as
with
final as (
    select
        outputs.output_id,
        outputs.pilot_id,
        pilot_facts.pilot_name,
        pilot_facts.programme_id,
        pilot_facts.programme_name,
        pilot_facts.place_id,
        pilot_facts.place_name,
        pilot_facts.place_ancestor_ids,
        pilot_facts.barrier_ids,
        pilot_facts.barriers_addressed,
        pilot_facts.department_ids,
        outputs.measure,
        outputs.unit,
        outputs.baseline,
        outputs.target_low,
        outputs.target_high,
        outputs.target_qualifier,
        outputs.actual,
        outputs.qualifier,
        outputs.kind,
        outputs.status,
        outputs.period_end,
        outputs.note,
        outputs.goal_same_measure,
        outputs.goal_measure,
        outputs.disputed_note,
        outputs.source_id,
        sources.title as source_title,
        outputs.locator,
        outputs.batch_id
    from outputs
    inner join pilot_facts on outputs.pilot_id = pilot_facts.pilot_id
    inner join sources on outputs.source_id = sources.source_id
)

select * from final;
