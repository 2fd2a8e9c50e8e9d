-- The results with a goal that a page's goal chart draws (at most 12),
-- ranked by what its headline claims (the goal_results macro in views.sql:
-- each pilot's 12 best come from goal_summary; ties by pilot name, then
-- output_id), for the pilots that scope_goal_counts counts.
-- $dimension, $key, $roles, $place, $programme: as scope_goal_counts.
-- $limit: bars drawn.
with
final as (
    select * from goal_results($dimension, $key, $roles, $place, $programme, $limit)
)

select * from final
order by final.times_goal desc nulls last, final.status = 'not reported', final.pilot_name, final.output_id;
