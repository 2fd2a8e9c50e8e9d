-- The "N of M" behind every goal chart, over ALL results that match the
-- page's choice, never only the bars drawn. $dimension: 'barrier', 'place',
-- 'department' or 'programme'; $key: its id (NULL programme: everything);
-- $roles: the department roles counted (ignored for other dimensions).
-- A result "beat" its goal only when the goal counts the same thing
-- (goal_same_measure) and the figure is at least what it says.
with
linked_pilots as (
    select scoped.pilot_id from scoped_pilots($dimension, $key, $roles) as scoped
),

-- Sums over output_summary (derived from outputs in every write).
totals as (
    select
        coalesce(sum(output_summary.outputs), 0)::bigint as results,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
            as reported,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'not reported'), 0)::bigint
            as not_reported,
        coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0)::bigint as with_goal,
        coalesce(sum(output_summary.outputs) filter (
            where output_summary.with_target and output_summary.status = 'not reported'
        ), 0)::bigint as with_goal_not_reported
    from output_summary
    where output_summary.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
),

goals as (
    select
        pilot_summary.pilot_name,
        outputs.measure,
        outputs.qualifier,
        outputs.status = 'reported' and coalesce(outputs.goal_same_measure, false) as comparable,
        outputs.status = 'reported' and coalesce(outputs.goal_same_measure, false)
            and outputs.qualifier in ('exactly', 'over', 'at least')
            and outputs.target_high > 0 and outputs.actual > outputs.target_high as beat,
        outputs.actual / nullif(outputs.target_high, 0) as ratio
    from outputs
    inner join pilot_summary on outputs.pilot_id = pilot_summary.pilot_id
    where outputs.target_low is not null and outputs.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
),

goal_counts as (
    select
        count(*) filter (where goals.comparable)::bigint as comparable,
        count(*) filter (where goals.beat)::bigint as beat,
        arg_max(goals.pilot_name, goals.ratio) filter (where goals.beat) as best_pilot,
        arg_max(goals.measure, goals.ratio) filter (where goals.beat) as best_measure,
        arg_max(goals.qualifier, goals.ratio) filter (where goals.beat) as best_qualifier,
        max(goals.ratio) filter (where goals.beat) as best_ratio
    from goals
),

final as (
    select
        totals.*,
        totals.with_goal - totals.with_goal_not_reported - goal_counts.comparable as other_measure,
        goal_counts.*
    from totals, goal_counts
)

select * from final;
