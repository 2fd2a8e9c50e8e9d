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

-- Narrow columns only: 600,000 outputs with a goal at 1M outputs.
goals as (
    select
        outputs.output_id,
        outputs.qualifier,
        outputs.status = 'reported' and coalesce(outputs.goal_same_measure, false) as comparable,
        outputs.actual / nullif(outputs.target_high, 0) as ratio
    from outputs
    where outputs.target_low is not null and outputs.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
),

beaten as (
    select goals.output_id, goals.qualifier, goals.ratio
    from goals
    where goals.comparable and goals.qualifier in ('exactly', 'over', 'at least') and goals.ratio > 1
),

goal_counts as (
    select
        (select count(*) from goals where goals.comparable)::bigint as comparable,
        (select count(*) from beaten)::bigint as beat
),

-- The result furthest past its goal (ties: the smaller output_id).
best as (
    select
        pilot_summary.pilot_name as best_pilot,
        outputs.measure as best_measure,
        top.qualifier as best_qualifier,
        top.ratio as best_ratio
    from (select * from beaten order by beaten.ratio desc, beaten.output_id limit 1) as top
    inner join outputs on top.output_id = outputs.output_id
    inner join pilot_summary on outputs.pilot_id = pilot_summary.pilot_id
),

final as (
    select
        totals.*,
        totals.with_goal - totals.with_goal_not_reported - goal_counts.comparable as other_measure,
        goal_counts.*,
        best.*
    from totals, goal_counts
    left join best on true
)

select * from final;
