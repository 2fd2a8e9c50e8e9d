-- Figures behind the "known limitations" on the Sources & method page.
with
links as (
    select
        count(*) as barrier_links,
        count(*) filter (where pilot_barriers.basis = 'our reading') as links_our_reading
    from pilot_barriers
),

evidence as (
    select
        count(*) as findings,
        count(*) filter (where barrier_evidence.value is null) as qualitative_findings
    from barrier_evidence
),

-- Sums over output_summary (derived from outputs in every write).
results_counts as (
    select
        coalesce(sum(output_summary.outputs), 0)::bigint as outputs,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'not reported'), 0)::bigint
            as not_reported,
        coalesce(sum(output_summary.outputs) filter (where output_summary.kind = 'expected'), 0)::bigint
            as expected,
        coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0)::bigint
            as with_goal
    from output_summary
),

geography as (
    select
        count(*) as places,
        count(*) filter (where places.lat is not null) as with_coordinates,
        count(*) filter (where places.gss_code is not null) as with_gss
    from places
),

department_dates as (
    select
        count(*) as department_names,
        count(*) filter (where departments.valid_from is not null or departments.valid_to is not null)
            as with_dates
    from departments
),

final as (
    select * from links, evidence, results_counts, geography, department_dates
)

select * from final;
