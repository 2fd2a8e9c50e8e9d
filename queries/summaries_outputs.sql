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
    -- As scope_goal_counts.sql counts them: a goal that counts the same thing
    -- and a reported result; beat: exactly, over or at least its top, and above it.
    count(*) filter (
        where outputs.target_low is not null and outputs.status = 'reported'
            and coalesce(outputs.goal_same_measure, false)
    ) as comparable,
    count(*) filter (
        where outputs.target_low is not null and outputs.status = 'reported'
            and coalesce(outputs.goal_same_measure, false)
            and outputs.qualifier in ('exactly', 'over', 'at least')
            and outputs.actual / nullif(outputs.target_high, 0) > 1
    ) as beat,
    min(outputs.output_id) as first_output_id,
    max(outputs.output_id) as last_output_id
from outputs
group by outputs.pilot_id, outputs.kind, outputs.status, with_target, outputs.source_id
order by outputs.pilot_id, outputs.kind, outputs.status, with_target, outputs.source_id;
