-- The results with a goal that a page's goal chart draws, ranked by what
-- its headline claims (the goal_results macro in views.sql).
-- $dimension, $key, $roles: as scope_goal_counts. $limit: bars drawn.
with
final as (
    select * from goal_results($dimension, $key, $roles, $limit)
)

select * from final
order by final.times_goal desc nulls last, final.status = 'not reported', final.pilot_name, final.output_id;
