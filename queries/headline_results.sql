-- Results that can be read against their own target, for the headline chart.
-- $programme: a programme_id or null for all. $limit bounds the rows drawn.
with
results_with_goal as (
    select * from results where target_low is not null
),

final as (
    select
        results_with_goal.output_id,
        results_with_goal.pilot_name,
        results_with_goal.place_name,
        results_with_goal.programme_name,
        results_with_goal.measure,
        results_with_goal.unit,
        results_with_goal.target_low,
        results_with_goal.target_high,
        results_with_goal.target_qualifier,
        results_with_goal.actual,
        results_with_goal.qualifier,
        results_with_goal.kind,
        results_with_goal.status,
        results_with_goal.source_title,
        results_with_goal.locator
    from results_with_goal
    where $programme is null or results_with_goal.programme_id = $programme
)

select * from final
order by final.programme_name, final.status, final.pilot_name, final.output_id
limit $limit;
