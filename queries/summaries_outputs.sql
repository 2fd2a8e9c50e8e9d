-- Rebuild output_summary from outputs: one row per pilot, kind, status,
-- goal/no goal and source, with the span of output ids. Ordered by pilot.
insert into output_summary
    (pilot_id, kind, status, with_target, source_id, outputs, comparable, beat, first_output_id, last_output_id)
select
    outputs.pilot_id,
    outputs.kind,
    outputs.status,
    outputs.target_low is not null as with_target,
    outputs.source_id,
    count(*) as outputs,
    -- The comparable_to_goal and beat_goal macros (views.sql).
    count(*) filter (
        where comparable_to_goal(outputs.target_low, outputs.status, outputs.goal_same_measure)
    ) as comparable,
    count(*) filter (
        where beat_goal(
            outputs.target_low, outputs.status, outputs.goal_same_measure,
            outputs.qualifier, outputs.actual, outputs.target_high
        )
    ) as beat,
    min(outputs.output_id) as first_output_id,
    max(outputs.output_id) as last_output_id
from outputs
group by outputs.pilot_id, outputs.kind, outputs.status, with_target, outputs.source_id
order by outputs.pilot_id, outputs.kind, outputs.status, with_target, outputs.source_id;
