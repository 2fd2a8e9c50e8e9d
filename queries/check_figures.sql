-- Honesty rules for the other tables that carry figures.
with
problems as (
    select 'funding_flows' as table_name, flow_id as row_key, 'not reported has a figure' as rule,
        'status is ''not reported'' but amount_gbp is given' as problem
    from funding_flows where status = 'not reported' and amount_gbp is not null
    union all
    select 'funding_flows', flow_id, 'reported without a figure',
        'status is ''reported'' but amount_gbp is empty'
    from funding_flows where status = 'reported' and amount_gbp is null
    union all
    select 'barrier_evidence', evidence_id, 'figure without unit',
        'value and value_unit must be given together'
    from barrier_evidence where (value is null) <> (value_unit is null)
    union all
    select 'barrier_evidence', evidence_id, 'value above denominator',
        'value ' || value::varchar || ' is above denominator ' || denominator::varchar
    from barrier_evidence where value > denominator
    union all
    select 'barrier_evidence', evidence_id, 'figure without qualifier',
        'value is given without value_qualifier'
    from barrier_evidence where value is not null and value_qualifier is null
    union all
    select 'departments', department_id, 'dates reversed',
        'valid_from ' || valid_from::varchar || ' is after valid_to ' || valid_to::varchar
    from departments where valid_from > valid_to
    union all
    select 'places', place_id, 'coordinates out of range', 'lat/lon outside the globe'
    from places where lat not between -90 and 90 or lon not between -180 and 180
),

final as (
    select table_name, row_key, rule, problem from problems
)

select * from final
order by table_name, row_key, rule;
