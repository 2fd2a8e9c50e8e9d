-- Counts of outputs for the results explorer: rows and columns chosen from
-- barrier, place, department, programme, kind and status, after the filters.
-- An output linked to two barriers (or departments) counts under each.
-- $rows, $columns: dimension names ($columns may be 'none').
-- Filters ($barrier, $place, $department, $programme, $kind, $status): null for all.
-- The same rows as the results view (outputs joined to pilot_facts and
-- sources), counted from output_summary and pilot_summary (derived in every
-- write): about 100,000 summary rows instead of 10M outputs.
with
filtered as (
    select
        output_summary.outputs,
        output_summary.status,
        output_summary.kind,
        pilot_summary.programme_id,
        pilot_summary.place_id,
        pilot_summary.barrier_ids,
        pilot_summary.department_ids
    from output_summary
    inner join pilot_summary on output_summary.pilot_id = pilot_summary.pilot_id
    inner join sources on output_summary.source_id = sources.source_id
    where
        ($barrier is null or list_contains(pilot_summary.barrier_ids, $barrier))
        and ($place is null or list_contains(pilot_summary.place_ancestor_ids, $place))
        and ($department is null or list_contains(pilot_summary.department_ids, $department))
        and ($programme is null or pilot_summary.programme_id = $programme)
        and ($kind is null or output_summary.kind = $kind)
        and ($status is null or output_summary.status = $status)
),

keyed as (
    select
        filtered.outputs,
        filtered.status,
        case $rows
            when 'barrier' then filtered.barrier_ids
            when 'department' then filtered.department_ids
            when 'place' then [filtered.place_id]
            when 'programme' then [filtered.programme_id]
            when 'kind' then [filtered.kind]
            when 'status' then [filtered.status]
        end as row_keys,
        case $columns
            when 'barrier' then filtered.barrier_ids
            when 'department' then filtered.department_ids
            when 'place' then [filtered.place_id]
            when 'programme' then [filtered.programme_id]
            when 'kind' then [filtered.kind]
            when 'status' then [filtered.status]
            else ['all']
        end as column_keys
    from filtered
),

row_exploded as (
    select
        keyed.outputs,
        keyed.status,
        keyed.column_keys,
        unnest(if(len(keyed.row_keys) = 0, [null], keyed.row_keys)) as row_key
    from keyed
),

exploded as (
    select
        row_exploded.outputs,
        row_exploded.status,
        row_exploded.row_key,
        unnest(if(len(row_exploded.column_keys) = 0, [null], row_exploded.column_keys)) as column_key
    from row_exploded
),

counted as (
    select
        exploded.row_key,
        exploded.column_key,
        sum(exploded.outputs)::bigint as outputs,
        coalesce(sum(exploded.outputs) filter (where exploded.status = 'reported'), 0)::bigint as reported,
        coalesce(sum(exploded.outputs) filter (where exploded.status = 'not reported'), 0)::bigint
            as not_reported
    from exploded
    group by exploded.row_key, exploded.column_key
),

labels as (
    select 'barrier' as dimension, barriers.barrier_id as key, barriers.name as label,
        barriers.display_order as sort_order
    from barriers
    union all
    select 'department', department_lineages.lineage_id, department_lineages.current_name, 0
    from department_lineages
    union all
    select 'place', places.place_id, places.name, 0 from places
    union all
    select 'programme', programmes.programme_id, programmes.short_name, 0 from programmes
),

final as (
    select
        counted.row_key,
        coalesce(row_label.label, counted.row_key, 'none recorded') as row_label,
        counted.column_key,
        coalesce(column_label.label, counted.column_key, 'none recorded') as column_label,
        counted.outputs,
        counted.reported,
        counted.not_reported,
        coalesce(row_label.sort_order, 0) as row_order,
        coalesce(column_label.sort_order, 0) as column_order
    from counted
    left join labels as row_label on row_label.dimension = $rows and counted.row_key = row_label.key
    left join labels as column_label
        on column_label.dimension = $columns and counted.column_key = column_label.key
)

select * from final
order by final.row_key is null, final.row_order, final.row_label, final.column_key is null,
    final.column_order, final.column_label
limit $limit;
