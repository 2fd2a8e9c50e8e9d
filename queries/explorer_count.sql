-- How many outputs the explorer's filters keep (for paging and the headline).
-- The same rows as the results view (outputs joined to pilot_facts and
-- sources), counted from output_summary and pilot_summary (derived in every
-- write): about 100,000 summary rows instead of 10M outputs.
with
filtered as (
    select output_summary.status, output_summary.kind, output_summary.outputs
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

final as (
    select
        coalesce(sum(filtered.outputs), 0)::bigint as outputs,
        coalesce(sum(filtered.outputs) filter (where filtered.status = 'reported'), 0)::bigint as reported,
        coalesce(sum(filtered.outputs) filter (where filtered.status = 'not reported'), 0)::bigint
            as not_reported,
        coalesce(sum(filtered.outputs) filter (where filtered.kind = 'expected'), 0)::bigint as expected
    from filtered
)

select * from final;
