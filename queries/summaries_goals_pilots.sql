-- goal_summary again for the pilots a load or undo touched ($pilots).
insert into goal_summary
select ranked.pilot_id, ranked.output_id, ranked.unreported, ranked.times_goal
from goal_ranks($pilots::varchar[]) as ranked
order by ranked.pilot_id, ranked.output_id;
