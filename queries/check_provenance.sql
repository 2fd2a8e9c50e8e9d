-- Every fact row names its source document and where in it (section or page).
with
provenance as (
    select 'barriers' as table_name, barrier_id as row_key, source_id, locator from barriers
    union all select 'recommendations', recommendation_id, source_id, locator from recommendations
    union all select 'departments', department_id, source_id, locator from departments
    union all select 'places', place_id, source_id, locator from places
    union all select 'programmes', programme_id, source_id, locator from programmes
    union all select 'programme_places', programme_id || '/' || place_id, source_id, locator from programme_places
    union all select 'pilots', pilot_id, source_id, locator from pilots
    union all select 'pilot_barriers', pilot_id || '/' || barrier_id, source_id, locator from pilot_barriers
    union all select 'pilot_departments', pilot_id || '/' || department_id, source_id, locator from pilot_departments
    union all select 'outputs', output_id, source_id, locator from outputs
    union all select 'barrier_evidence', evidence_id, source_id, locator from barrier_evidence
    union all select 'funding_flows', flow_id, source_id, locator from funding_flows
    union all select 'context_figures', figure_id, source_id, locator from context_figures
),

final as (
    select table_name, row_key, 'missing source' as rule,
        'no source_id: every fact needs the document it comes from' as problem
    from provenance where source_id is null or trim(source_id) = ''
    union all
    select table_name, row_key, 'missing locator',
        'no locator: give the section or page of the source'
    from provenance where locator is null or trim(locator) = ''
)

select * from final
order by table_name, row_key, rule;
