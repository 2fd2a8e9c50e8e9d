-- Counts for the "in numbers" slide. $programme, $place: optional filters
-- (place includes places within it).
with
pilots_in_scope as (
    select pilots.pilot_id, pilots.place_id
    from pilots
    left join place_lineage on pilots.place_id = place_lineage.place_id
    where
        ($programme is null or pilots.programme_id = $programme)
        and ($place is null or list_contains(coalesce(place_lineage.ancestor_ids, [pilots.place_id]), $place))
),

-- Sums over output_summary (derived from outputs in every write).
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
    inner join pilots_in_scope on output_summary.pilot_id = pilots_in_scope.pilot_id
),

pilot_counts as (
    select
        count(*) as pilots,
        count(distinct pilots_in_scope.place_id) as pilot_places
    from pilots_in_scope
),

final as (
    select * from pilot_counts, output_counts
)

select * from final;
