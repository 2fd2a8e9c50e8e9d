-- A ratio to goal means something only when the goal counts the same thing
-- as the result: goal_same_measure says so, and goal_measure says what a
-- different goal counted (the pages write it beside the bar instead).
with
problems as (
    select output_id as row_key, 'same-measure flag without a goal' as rule,
        'goal_same_measure is given but there is no goal (target_low is empty)' as problem
    from outputs where goal_same_measure is not null and target_low is null
    union all
    select output_id, 'different goal not described',
        'goal_same_measure is false: say in goal_measure what the goal counted'
    from outputs where goal_same_measure = false and (goal_measure is null or trim(goal_measure) = '')
    union all
    select output_id, 'goal measure on a same-measure goal',
        'goal_measure is given but goal_same_measure is not false: set it to false or empty goal_measure'
    from outputs where goal_measure is not null and goal_same_measure is distinct from false
),

final as (
    select 'outputs' as table_name, row_key, rule, problem from problems
)

select * from final
order by row_key, rule;
