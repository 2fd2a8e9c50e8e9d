-- Two to four places, departments or programmes side by side.
-- $kind: 'place' (the place and everything within it), 'department' (a
-- lineage, under any of its names) or 'programme'; $ids: their ids.
-- Pilots come from pilot_summary and every result count from output_summary
-- (results beating a like-for-like goal counted as the goal charts count them).
with
chosen as (
    select unnest($ids::varchar[]) as entity_id
),

members as (
    select chosen.entity_id, pilot_summary.pilot_id, pilot_summary.pilot_name
    from chosen
    inner join pilot_summary
        on ($kind = 'place' and list_contains(pilot_summary.place_ancestor_ids, chosen.entity_id))
        or ($kind = 'department' and list_contains(pilot_summary.department_ids, chosen.entity_id))
        or ($kind = 'programme' and pilot_summary.programme_id = chosen.entity_id)
),

pilot_lists as (
    select
        members.entity_id,
        count(*) as pilots,
        list({'id': members.pilot_id, 'name': members.pilot_name} order by members.pilot_name)[1:8]
            as first_pilots
    from members
    group by members.entity_id
),

result_counts as (
    select
        members.entity_id,
        sum(output_summary.outputs)::bigint as results,
        coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0)::bigint
            as with_goal,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'not reported'), 0)::bigint
            as not_reported,
        coalesce(sum(output_summary.outputs) filter (where output_summary.kind = 'expected'), 0)::bigint
            as expected,
        -- As the goal charts count them: a goal that counts the same thing and a
        -- reported result; beat: exactly, over or at least the top of the goal.
        coalesce(sum(output_summary.comparable), 0)::bigint as comparable,
        coalesce(sum(output_summary.beat), 0)::bigint as beat
    from members
    inner join output_summary on members.pilot_id = output_summary.pilot_id
    group by members.entity_id
),

barrier_counts as (
    select
        members.entity_id,
        pilot_barriers.barrier_id,
        barriers.name,
        barriers.display_order,
        count(distinct members.pilot_id) filter (where pilot_barriers.role = 'addressed') as worked_on,
        count(distinct members.pilot_id) filter (where pilot_barriers.role = 'faced') as held_back
    from members
    inner join pilot_barriers on members.pilot_id = pilot_barriers.pilot_id
    inner join barriers on pilot_barriers.barrier_id = barriers.barrier_id
    group by all
),

barrier_lists as (
    select
        barrier_counts.entity_id,
        list(
            {
                'id': barrier_counts.barrier_id,
                'name': barrier_counts.name,
                'worked_on': barrier_counts.worked_on,
                'held_back': barrier_counts.held_back
            }
            order by barrier_counts.display_order
        ) as barriers
    from barrier_counts
    group by barrier_counts.entity_id
),

department_counts as (
    select
        members.entity_id,
        departments.lineage_id,
        department_lineages.current_name,
        count(distinct members.pilot_id) as pilots
    from members
    inner join pilot_departments on members.pilot_id = pilot_departments.pilot_id
    inner join departments on pilot_departments.department_id = departments.department_id
    inner join department_lineages on departments.lineage_id = department_lineages.lineage_id
    group by all
),

department_lists as (
    select
        department_counts.entity_id,
        count(*) as departments,
        list(
            {'id': department_counts.lineage_id, 'name': department_counts.current_name,
             'pilots': department_counts.pilots}
            order by department_counts.pilots desc, department_counts.current_name
        )[1:8] as first_departments
    from department_counts
    group by department_counts.entity_id
),

names as (
    select 'place' as kind, places.place_id as entity_id, places.name from places
    union all
    select 'department', department_lineages.lineage_id, department_lineages.current_name
    from department_lineages
    union all
    select 'programme', programmes.programme_id, programmes.short_name from programmes
),

final as (
    select
        chosen.entity_id,
        names.name,
        coalesce(pilot_lists.pilots, 0) as pilots,
        coalesce(pilot_lists.first_pilots, []) as first_pilots,
        coalesce(result_counts.results, 0) as results,
        coalesce(result_counts.with_goal, 0) as with_goal,
        coalesce(result_counts.comparable, 0) as comparable,
        coalesce(result_counts.beat, 0) as beat,
        coalesce(result_counts.not_reported, 0) as not_reported,
        coalesce(result_counts.expected, 0) as expected,
        coalesce(barrier_lists.barriers, []) as barriers,
        coalesce(department_lists.departments, 0) as departments,
        coalesce(department_lists.first_departments, []) as first_departments
    from chosen
    inner join names on names.kind = $kind and chosen.entity_id = names.entity_id
    left join pilot_lists on chosen.entity_id = pilot_lists.entity_id
    left join result_counts on chosen.entity_id = result_counts.entity_id
    left join barrier_lists on chosen.entity_id = barrier_lists.entity_id
    left join department_lists on chosen.entity_id = department_lists.entity_id
)

select * from final;
