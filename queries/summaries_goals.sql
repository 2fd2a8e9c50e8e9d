-- Rebuild goal_summary: every pilot's 12 highest-ranked results with a goal
-- (the goal_ranks macro in views.sql). Ordered by pilot.
insert into goal_summary
select ranked.pilot_id, ranked.output_id, ranked.unreported, ranked.times_goal
from goal_ranks((select list(pilots.pilot_id) from pilots)) as ranked
order by ranked.pilot_id, ranked.output_id;
