-- The programme in numbers: how much the database holds.
with
programme_count as (select count(*) as programmes from programmes),
pilot_count as (select count(*) as pilots from pilots),
place_count as (
    select count(distinct place_id) as places
    from (
        select pilots.place_id from pilots
        union all
        select programme_places.place_id from programme_places
    )
),
-- Sums over output_summary (derived from outputs in every write): the same
-- counts as a scan of outputs, without reading 10M rows.
output_counts as (
    select
        coalesce(sum(output_summary.outputs), 0)::bigint as outputs,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
            as reported,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'not reported'), 0)::bigint
            as not_reported,
        coalesce(sum(output_summary.outputs) filter (where output_summary.kind = 'expected'), 0)::bigint
            as expected,
        coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0)::bigint
            as with_target
    from output_summary
),
source_count as (select count(*) as sources from sources where kind <> 'reference'),
synthetic as (select coalesce(bool_or(is_synthetic), false) as is_synthetic from sources),

final as (
    select *
    from programme_count, pilot_count, place_count, output_counts, source_count, synthetic
)

select * from final;
