-- A workshop's saved answers are counts (0 or more) of a known question's
-- known options; an option that is a barrier names that barrier, and no
-- other option names one. $questions lists the known question ids, $options
-- each 'question_id|option', $choices each 'question_id|option|barrier_id'
-- (barrier_id empty when the option is not a barrier): the lists live in
-- fivebarriers/data/workshop_questions.py. Places and barriers that do not
-- exist are caught with every other reference (check.py).
with
answers as (
    select
        session_id || '/' || question_id || '/' || option as row_key,
        question_id,
        option,
        answers,
        barrier_id,
        question_id || '|' || option as asked,
    from workshop_answers
),

problems as (
    select
        row_key,
        'count not allowed' as rule,
        'answers is ' || coalesce(answers::varchar, 'empty') || ': give how many chose it, 0 or more' as problem,
    from answers
    where answers is null or answers < 0
    union all
    select
        row_key,
        'unknown question',
        'no question ''' || question_id || ''': use one of ' || array_to_string($questions, ', '),
    from answers
    where not list_contains($questions, question_id)
    union all
    select
        row_key,
        'unknown option',
        '''' || option || ''' is not an option of ' || question_id,
    from answers
    where list_contains($questions, question_id) and not list_contains($options, asked)
    union all
    select
        row_key,
        'wrong barrier',
        'barrier_id ''' || coalesce(barrier_id, '') || ''' does not match the option ' || option,
    from answers
    where
        list_contains($options, asked)
        and not list_contains($choices, asked || '|' || coalesce(barrier_id, ''))
),

final as (
    select 'workshop_answers' as table_name, row_key, rule, problem from problems
)

select * from final
order by row_key, rule;
