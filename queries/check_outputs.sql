-- Honesty rules for outputs (GUIDE §2). One row per broken rule.
with
outputs_checked as (
    select * from outputs
),

problems as (
    select output_id as row_key, 'not reported has a figure' as rule,
        'status is ''not reported'' but actual is ' || actual::varchar
        || ': an unreported result has no figure (never 0)' as problem
    from outputs_checked where status = 'not reported' and actual is not null
    union all
    select output_id, 'reported without a figure',
        'status is ''reported'' but actual is empty'
    from outputs_checked where status = 'reported' and actual is null
    union all
    select output_id, 'status not allowed',
        'status ''' || coalesce(status, '') || ''' is not reported / not reported'
    from outputs_checked where status is null or status not in ('reported', 'not reported')
    union all
    select output_id, 'kind not allowed',
        'kind ''' || coalesce(kind, '') || ''' is not achieved / expected'
    from outputs_checked where kind is null or kind not in ('achieved', 'expected')
    union all
    select output_id, 'figure without qualifier',
        'actual is given without a qualifier (exactly, over, at least, about, under, up to)'
    from outputs_checked where actual is not null and qualifier is null
    union all
    select output_id, 'qualifier not allowed',
        'qualifier ''' || qualifier || ''' is not one of exactly, over, at least, about, under, up to'
    from outputs_checked
    where qualifier is not null and qualifier not in ('exactly', 'over', 'at least', 'about', 'under', 'up to')
    union all
    select output_id, 'qualifier without figure', 'qualifier is given but actual is empty'
    from outputs_checked where actual is null and qualifier is not null
    union all
    select output_id, 'half a target',
        'only one of target_low / target_high is given (a single target goes in both)'
    from outputs_checked where (target_low is null) <> (target_high is null)
    union all
    select output_id, 'range reversed',
        'target_low ' || target_low::varchar || ' is above target_high ' || target_high::varchar
    from outputs_checked where target_low > target_high
    union all
    select output_id, 'achieved in the future',
        'kind is achieved but period_end ' || period_end::varchar || ' is in the future'
    from outputs_checked where kind = 'achieved' and period_end > current_date
    union all
    select output_id, 'no strength of evidence',
        'evidence_strength is empty: say what stands behind the figure (a projection, reported in an article, '
        || 'reported by the programme, an independent evaluation, an independent impact evaluation)'
    from outputs_checked where evidence_strength is null or trim(evidence_strength) = ''
    union all
    select output_id, 'strength of evidence not allowed',
        'evidence_strength ''' || evidence_strength || ''' is not one of a projection, reported in an article, '
        || 'reported by the programme, an independent evaluation, an independent impact evaluation'
    from outputs_checked
    where trim(evidence_strength) <> '' and evidence_strength not in (
        'a projection', 'reported in an article', 'reported by the programme',
        'an independent evaluation', 'an independent impact evaluation', 'not yet assessed'
    )
    union all
    select output_id, 'strength of evidence without its basis',
        'evidence_basis is empty: quote or name the passage of the source that shows what stands behind the figure'
    from outputs_checked
    where trim(evidence_strength) <> '' and evidence_strength <> 'not yet assessed'
        and (evidence_basis is null or trim(evidence_basis) = '')
),

final as (
    select 'outputs' as table_name, row_key, rule, problem from problems
)

select * from final
order by row_key, rule;
