-- The Overview's headline chart: results with a goal in one programme
-- ($programme, or NULL for all), ranked by what the headline claims (the
-- goal_results macro in views.sql). $limit: bars drawn.
with
final as (
    select * from goal_results('programme', $programme, [], null, null, $limit)
)

select * from final
order by final.times_goal desc nulls last, final.status = 'not reported', final.pilot_name, final.output_id;
