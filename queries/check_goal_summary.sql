-- goal_summary must hold what goal_ranks derives from outputs now (it is
-- derived: a write that changed outputs without summaries.refresh leaves it stale).
with
fresh as (
    select * from goal_ranks((select list(pilots.pilot_id) from pilots))
),

differ as (
    (select fresh.pilot_id, fresh.output_id, 'not in goal_summary' as what from fresh
    except
    select goal_summary.pilot_id, goal_summary.output_id, 'not in goal_summary' from goal_summary)
    union all
    (select goal_summary.pilot_id, goal_summary.output_id, 'in goal_summary but not among its best' from goal_summary
    except
    select fresh.pilot_id, fresh.output_id, 'in goal_summary but not among its best' from fresh)
    union all
    select goal_summary.pilot_id, goal_summary.output_id, 'ranked on another figure'
    from goal_summary
    inner join fresh on goal_summary.output_id = fresh.output_id
    where goal_summary.unreported <> fresh.unreported
        or goal_summary.times_goal is distinct from fresh.times_goal
)

select
    'goal_summary' as table_name,
    differ.pilot_id || '/' || differ.output_id as row_key,
    'summary out of date' as rule,
    'result ' || differ.output_id || ' of ' || differ.pilot_id || ': ' || differ.what
    || ': run `fivebarriers build` again or load through `fivebarriers ingest`' as problem
from differ
order by row_key;
