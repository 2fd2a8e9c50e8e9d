-- How many rows of each table cite each source (source_id, and the geography
-- and department-history reference columns).
with
citations as (
    select 'barriers' as table_name, source_id, 1 as row_count from barriers
    union all select 'recommendations', source_id, 1 from recommendations
    union all select 'departments', source_id, 1 from departments
    union all select 'departments (dates)', history_source_id, 1 from departments
    union all select 'places', source_id, 1 from places
    union all select 'places (codes, coordinates)', geo_source_id, 1 from places
    union all select 'programmes', source_id, 1 from programmes
    union all select 'programme_places', source_id, 1 from programme_places
    union all select 'pilots', source_id, 1 from pilots
    union all select 'pilot_barriers', source_id, 1 from pilot_barriers
    union all select 'pilot_departments', source_id, 1 from pilot_departments
    -- outputs are counted from output_summary (derived in every write), not 10M rows
    union all select 'outputs', source_id, outputs from output_summary
    union all select 'barrier_evidence', source_id, 1 from barrier_evidence
    union all select 'funding_flows', source_id, 1 from funding_flows
    union all select 'context_figures', source_id, 1 from context_figures
),

final as (
    select citations.source_id, citations.table_name, sum(citations.row_count)::bigint as row_count
    from citations
    where citations.source_id is not null
    group by citations.source_id, citations.table_name
)

select * from final
order by final.source_id, final.table_name;
