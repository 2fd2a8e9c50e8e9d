-- Every fact row names its source document and where in it (section or page).
with
provenance as (
    select * from fact_provenance
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
