-- Everything the results explorer counts, in one pass over the summaries,
-- with its filter block written once (issue 18): the total, the count beside
-- every filter value (facets), the pivot's cells, and the matching pilots
-- (for explorer_rows) when a pilot-level filter is set.
-- Filters, each null for all, else a list (several values of one filter
-- widen the choice; different filters narrow it):
--   $barriers, $places (a place includes everything within it), $departments
--   (lineages: every name), $roles (lead / partner / engaged / named; with
--   $departments, the role of those departments), $programmes, $pilots,
--   $kinds, $statuses, $strengths (strength of evidence); $text: words that must all appear in the pilot's
--   name, place, programme or measures (case ignored).
-- $rows, $columns: pivot dimensions ($columns may be 'none').
-- Same rows as the results view (outputs joined to pilot_facts and sources),
-- counted from output_summary and pilot_summary (derived in every write).
with
words as (
    select list_filter(string_split(lower(trim(coalesce($text, ''))), ' '), lambda w: w <> '') as words
),

role_pilots as (
    select
        pilot_departments.pilot_id,
        list(distinct pilot_departments.role) as roles
    from pilot_departments
    inner join departments on pilot_departments.department_id = departments.department_id
    where ($departments is null or list_contains($departments::varchar[], departments.lineage_id))
    group by pilot_departments.pilot_id
),

-- Computed only when there are words (the filter folds away otherwise).
text_pilots as (
    select measures.entity_id as pilot_id, measures.body
    from search.documents as measures
    where measures.kind = 'result' and $text is not null
),

pilot_filter as materialized (
    select
        pilot_summary.pilot_id,
        pilot_summary.programme_id,
        pilot_summary.place_id,
        pilot_summary.place_ancestor_ids,
        pilot_summary.barrier_ids,
        pilot_summary.department_ids,
        coalesce(role_pilots.roles, []) as roles
    from pilot_summary
    cross join words
    left join role_pilots on pilot_summary.pilot_id = role_pilots.pilot_id
    left join text_pilots as measures on pilot_summary.pilot_id = measures.pilot_id
    where
        ($barriers is null or list_has_any(pilot_summary.barrier_ids, $barriers::varchar[]))
        and ($places is null or list_has_any(pilot_summary.place_ancestor_ids, $places::varchar[]))
        and ($programmes is null or list_contains($programmes::varchar[], pilot_summary.programme_id))
        and ($pilots is null or list_contains($pilots::varchar[], pilot_summary.pilot_id))
        and ($departments is null or role_pilots.pilot_id is not null)
        and ($roles is null or list_has_any(coalesce(role_pilots.roles, []), $roles::varchar[]))
        and (
            len(words.words) = 0
            or list_bool_and(
                list_transform(
                    words.words,
                    lambda w: contains(
                        lower(concat_ws(' ', pilot_summary.pilot_name, pilot_summary.place_name,
                            pilot_summary.programme_name, measures.body)),
                        w
                    )
                )
            )
        )
),

-- Outputs counted per pilot, kind and status (no lists carried: they are
-- joined back per pilot below, on 25,000 rows rather than 150,000).
filtered as materialized (
    select
        output_summary.pilot_id,
        output_summary.kind,
        output_summary.status,
        output_summary.evidence_strength,
        sum(output_summary.outputs) as outputs
    from output_summary
    inner join sources on output_summary.source_id = sources.source_id
    where
        output_summary.pilot_id in (select pilot_filter.pilot_id from pilot_filter)
        and ($kinds is null or list_contains($kinds::varchar[], output_summary.kind))
        and ($statuses is null or list_contains($statuses::varchar[], output_summary.status))
        and ($strengths is null or list_contains($strengths::varchar[], output_summary.evidence_strength))
    group by output_summary.pilot_id, output_summary.kind, output_summary.status, output_summary.evidence_strength
),

per_pilot as materialized (
    select
        counted.pilot_id,
        counted.outputs,
        counted.reported,
        pilot_filter.programme_id,
        pilot_filter.place_ancestor_ids,
        pilot_filter.barrier_ids,
        pilot_filter.department_ids,
        pilot_filter.roles
    from (
        select
            filtered.pilot_id,
            sum(filtered.outputs) as outputs,
            coalesce(sum(filtered.outputs) filter (where filtered.status = 'reported'), 0) as reported
        from filtered
        group by filtered.pilot_id
    ) as counted
    inner join pilot_filter on counted.pilot_id = pilot_filter.pilot_id
),

facet_keys as (
    select 'barrier' as dimension, unnest(per_pilot.barrier_ids) as value, per_pilot.outputs, per_pilot.reported
    from per_pilot
    union all
    select 'place', unnest(per_pilot.place_ancestor_ids), per_pilot.outputs, per_pilot.reported from per_pilot
    union all
    select 'department', unnest(per_pilot.department_ids), per_pilot.outputs, per_pilot.reported from per_pilot
    union all
    select 'role', unnest(per_pilot.roles), per_pilot.outputs, per_pilot.reported from per_pilot
    union all
    select 'programme', per_pilot.programme_id, per_pilot.outputs, per_pilot.reported from per_pilot
    union all
    select 'kind', filtered.kind, filtered.outputs, if(filtered.status = 'reported', filtered.outputs, 0)
    from filtered
    union all
    select 'status', filtered.status, filtered.outputs, if(filtered.status = 'reported', filtered.outputs, 0)
    from filtered
    union all
    select 'strength', filtered.evidence_strength, filtered.outputs,
        if(filtered.status = 'reported', filtered.outputs, 0)
    from filtered
),

pivot_keys as (
    select
        filtered.outputs,
        filtered.status,
        case $rows
            when 'barrier' then pilot_filter.barrier_ids
            when 'department' then pilot_filter.department_ids
            when 'role' then pilot_filter.roles
            when 'place' then [pilot_filter.place_id]
            when 'programme' then [pilot_filter.programme_id]
            when 'kind' then [filtered.kind]
            when 'status' then [filtered.status]
            when 'strength' then [filtered.evidence_strength]
        end as row_keys,
        case $columns
            when 'barrier' then pilot_filter.barrier_ids
            when 'department' then pilot_filter.department_ids
            when 'role' then pilot_filter.roles
            when 'place' then [pilot_filter.place_id]
            when 'programme' then [pilot_filter.programme_id]
            when 'kind' then [filtered.kind]
            when 'status' then [filtered.status]
            when 'strength' then [filtered.evidence_strength]
            else ['all']
        end as column_keys
    from filtered
    inner join pilot_filter on filtered.pilot_id = pilot_filter.pilot_id
),

pivot_rows as (
    select
        pivot_keys.outputs,
        pivot_keys.status,
        pivot_keys.column_keys,
        unnest(if(len(pivot_keys.row_keys) = 0, [null], pivot_keys.row_keys)) as row_key
    from pivot_keys
),

pivot_cells as (
    select
        pivot_rows.outputs,
        pivot_rows.status,
        pivot_rows.row_key,
        unnest(if(len(pivot_rows.column_keys) = 0, [null], pivot_rows.column_keys)) as column_key
    from pivot_rows
),

final as (
    select
        'total' as part,
        null::varchar as dimension,
        null::varchar as value,
        null::varchar as column_value,
        coalesce(sum(filtered.outputs), 0)::bigint as outputs,
        coalesce(sum(filtered.outputs) filter (where filtered.status = 'reported'), 0)::bigint as reported,
        coalesce(sum(filtered.outputs) filter (where filtered.status = 'not reported'), 0)::bigint
            as not_reported,
        coalesce(sum(filtered.outputs) filter (where filtered.kind = 'expected'), 0)::bigint as expected
    from filtered
    union all
    select
        'facet',
        facet_keys.dimension,
        facet_keys.value,
        null,
        sum(facet_keys.outputs)::bigint,
        sum(facet_keys.reported)::bigint,
        (sum(facet_keys.outputs) - sum(facet_keys.reported))::bigint,
        null
    from facet_keys
    group by facet_keys.dimension, facet_keys.value
    union all
    select
        'pivot',
        null,
        pivot_cells.row_key,
        pivot_cells.column_key,
        sum(pivot_cells.outputs)::bigint,
        coalesce(sum(pivot_cells.outputs) filter (where pivot_cells.status = 'reported'), 0)::bigint,
        coalesce(sum(pivot_cells.outputs) filter (where pivot_cells.status = 'not reported'), 0)::bigint,
        null
    from pivot_cells
    group by pivot_cells.row_key, pivot_cells.column_key
    union all
    select 'pilot', null, per_pilot.pilot_id, null, per_pilot.outputs::bigint, null, null, null
    from per_pilot
    where
        $barriers is not null or $places is not null or $programmes is not null or $pilots is not null
        or $departments is not null or $roles is not null or $text is not null
)

select * from final;
