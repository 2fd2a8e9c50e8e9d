-- The results with a goal that a page's goal chart draws (at most 12),
-- ranked by what its headline claims: as the goal_results macro in views.sql
-- ranks them (each pilot's 12 best come from goal_summary; ties by pilot
-- name, then output_id), for the pilots that scope_goal_counts counts.
-- $dimension, $key, $roles, $place, $programme: as scope_goal_counts.
-- $limit: bars drawn.
with
linked_pilots as (
    select scoped.pilot_id, scoped.pilot_name
    from scoped_pilots($dimension, $key, $roles) as scoped
    inner join pilot_summary on scoped.pilot_id = pilot_summary.pilot_id
    where ($place is null or list_contains(pilot_summary.place_ancestor_ids, $place))
        and ($programme is null or pilot_summary.programme_id = $programme)
),

drawn as (
    select
        goal_summary.output_id,
        goal_summary.pilot_id,
        linked_pilots.pilot_name,
        goal_summary.unreported,
        goal_summary.times_goal
    from goal_summary
    inner join linked_pilots on goal_summary.pilot_id = linked_pilots.pilot_id
    order by goal_summary.times_goal desc nulls last, goal_summary.unreported, linked_pilots.pilot_name,
        goal_summary.output_id
    limit least($limit, 12)
),

final as (
    select result_rows.*, drawn.times_goal
    from drawn
    inner join result_rows on drawn.output_id = result_rows.output_id
    -- Lets DuckDB read only the drawn pilots' row groups of outputs.
    where result_rows.pilot_id in (select drawn.pilot_id from drawn)
)

select * from final
order by final.times_goal desc nulls last, final.status = 'not reported', final.pilot_name, final.output_id;
