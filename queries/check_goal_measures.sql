-- A result is drawn against its goal on one of two grounds only: the goal
-- counts the same thing as the result (goal_same_measure; only then is a
-- ratio written), or the source itself compares them (source_compares_goal),
-- and then the page says the report's verdict (source_judgement) and why it
-- needs care (goal_caveat). goal_measure says what a different goal counted.
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
    union all
    select output_id, 'source comparison without a goal',
        'source_compares_goal is true but there is no goal (target_low is empty)'
    from outputs where source_compares_goal and target_low is null
    union all
    select output_id, 'source comparison without its judgement',
        'source_compares_goal is true: say in source_judgement what the report concludes '
        || '(e.g. "passed its original goal of 100"), or the comparison is ours, not the source''s'
    from outputs where source_compares_goal and (source_judgement is null or trim(source_judgement) = '')
    union all
    select output_id, 'source comparison without its caveat',
        'source_compares_goal is true: say in goal_caveat, in one plain line, why the comparison needs care'
    from outputs where source_compares_goal and (goal_caveat is null or trim(goal_caveat) = '')
    union all
    select output_id, 'judgement without a source comparison',
        'source_judgement or goal_caveat is given but source_compares_goal is not true: '
        || 'set it to true only if the source itself compares the result with its goal'
    from outputs
    where source_compares_goal is distinct from true
        and (trim(coalesce(source_judgement, '')) <> '' or trim(coalesce(goal_caveat, '')) <> '')
),

final as (
    select 'outputs' as table_name, row_key, rule, problem from problems
)

select * from final
order by row_key, rule;
