-- The "N of M" behind every goal chart, over ALL results that match the
-- page's choice, never only the bars drawn. $dimension: 'barrier', 'place',
-- 'department' or 'programme'; $key: its id (NULL programme: everything);
-- $roles: the department roles counted (ignored for other dimensions);
-- $place, $programme: NULL, or narrow those pilots to the ones in that place
-- (or a place within it) and programme (the Barriers page with ?place=).
-- A result is checked against its goal when the goal counts the same thing
-- (goal_same_measure) or the source itself compares them
-- (source_compares_goal); it "beat" its goal when the figure is at least what
-- it says and above the goal (source_beat: those the source alone compares,
-- "by the report's own account"), and "fell short" below it.
with
linked_pilots as (
    select pilot_id from scoped_pilots_within($dimension, $key, $roles, $place, $programme)
),

-- Sums over output_summary (derived from outputs in every write), which
-- also counts the results that can beat their goal and those that do.
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
        ), 0)::bigint as with_goal_not_reported,
        coalesce(sum(output_summary.comparable), 0)::bigint as comparable,
        coalesce(sum(output_summary.beat), 0)::bigint as beat,
        coalesce(sum(output_summary.source_beat), 0)::bigint as source_beat,
        coalesce(sum(output_summary.fell_short), 0)::bigint as fell_short
    from output_summary
    where output_summary.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
),

-- The result furthest past its goal (ties: the smaller output_id): each
-- pilot's best is in goal_summary, which keeps its 12 highest-ranked results.
top as (
    select goal_summary.output_id, goal_summary.times_goal as ratio
    from goal_summary
    where goal_summary.times_goal > 1
        and goal_summary.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
    order by goal_summary.times_goal desc, goal_summary.output_id
    limit 1
),

best as (
    select
        pilot_summary.pilot_name as best_pilot,
        outputs.measure as best_measure,
        outputs.qualifier as best_qualifier,
        top.ratio as best_ratio
    from top
    inner join outputs on top.output_id = outputs.output_id
    inner join pilot_summary on outputs.pilot_id = pilot_summary.pilot_id
),

final as (
    select
        totals.results,
        totals.reported,
        totals.not_reported,
        totals.with_goal,
        totals.with_goal_not_reported,
        totals.with_goal - totals.with_goal_not_reported - totals.comparable as other_measure,
        totals.comparable,
        totals.beat,
        totals.source_beat,
        totals.fell_short,
        best.*
    from totals
    left join best on true
)

select * from final;
