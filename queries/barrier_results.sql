-- Results of the pilots linked to one barrier, each with its own target.
-- $barrier: a barrier_id. $limit bounds the rows.
-- Bounded by pilot first: output_summary says how many outputs with and
-- without a goal each pilot has, so only the pilots whose outputs can reach
-- the first $limit rows in the final order (goal first, then pilot name)
-- are kept, and DuckDB reads only their row groups of outputs (stored in
-- pilot order). Same rows, same order as filtering the results view.
with
linked_pilots as (
    select pilot_summary.pilot_id, pilot_summary.pilot_name
    from pilot_summary
    where list_contains(pilot_summary.barrier_ids, $barrier)
),

pilot_counts as (
    select
        output_summary.pilot_id,
        coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0) as with_goal,
        coalesce(sum(output_summary.outputs) filter (where not output_summary.with_target), 0) as without_goal
    from output_summary
    inner join sources on output_summary.source_id = sources.source_id
    where output_summary.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
    group by output_summary.pilot_id
),

-- Rows before a pilot in the final order: every row of a pilot with a
-- smaller name (EXCLUDE GROUP leaves out pilots sharing its name, whose rows
-- interleave with its own by output_id).
ranked as (
    select
        linked_pilots.pilot_id,
        pilot_counts.with_goal,
        pilot_counts.without_goal,
        coalesce(sum(pilot_counts.with_goal) over earlier, 0) as goal_before,
        coalesce(sum(pilot_counts.without_goal) over earlier, 0) as rest_before,
        sum(pilot_counts.with_goal) over () as goal_total
    from linked_pilots
    inner join pilot_counts on linked_pilots.pilot_id = pilot_counts.pilot_id
    window earlier as (
        order by linked_pilots.pilot_name
        range between unbounded preceding and current row exclude group
    )
),

needed as (
    select ranked.pilot_id
    from ranked
    where
        (ranked.with_goal > 0 and ranked.goal_before < $limit)
        or (ranked.without_goal > 0 and ranked.goal_total + ranked.rest_before < $limit)
),

linked as (
    select
        outputs.output_id,
        outputs.pilot_id,
        pilot_summary.pilot_name,
        pilot_summary.place_id,
        pilot_summary.place_name,
        pilot_summary.programme_name,
        outputs.measure,
        outputs.unit,
        outputs.target_low,
        outputs.target_high,
        outputs.target_qualifier,
        outputs.actual,
        outputs.qualifier,
        outputs.kind,
        outputs.status,
        sources.source_id,
        sources.title as source_title,
        outputs.locator
    from outputs
    inner join pilot_summary on outputs.pilot_id = pilot_summary.pilot_id
    inner join sources on outputs.source_id = sources.source_id
    where outputs.pilot_id in (select needed.pilot_id from needed)
),

roles as (
    select
        pilot_barriers.pilot_id,
        string_agg(distinct pilot_barriers.role, ' and ' order by pilot_barriers.role) as barrier_role
    from pilot_barriers
    where pilot_barriers.barrier_id = $barrier and pilot_barriers.pilot_id in (select needed.pilot_id from needed)
    group by pilot_barriers.pilot_id
),

final as (
    select
        linked.output_id,
        linked.pilot_id,
        linked.pilot_name,
        linked.place_id,
        linked.place_name,
        linked.programme_name,
        roles.barrier_role,
        linked.measure,
        linked.unit,
        linked.target_low,
        linked.target_high,
        linked.target_qualifier,
        linked.actual,
        linked.qualifier,
        linked.kind,
        linked.status,
        linked.source_id,
        linked.source_title,
        linked.locator
    from linked
    left join roles on linked.pilot_id = roles.pilot_id
)

select * from final
order by final.target_low is null, final.pilot_name, final.output_id
limit $limit;
