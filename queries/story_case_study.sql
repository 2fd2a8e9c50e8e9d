-- The one case study a barrier slide shows: a pilot the source itself says
-- addressed the barrier (role 'addressed', basis 'stated in source'), never
-- our own reading. Among several, prefer one with a result that has a target,
-- then one with the most reported results, then the most results, then pilot_id.
-- $barrier: barrier_id. $programme, $place: optional filters (place includes
-- places within it).
with
stated_pilots as (
    select
        pilot_barriers.pilot_id,
        pilot_barriers.locator as link_locator
    from pilot_barriers
    where
        pilot_barriers.barrier_id = $barrier
        and pilot_barriers.role = 'addressed'
        and pilot_barriers.basis = 'stated in source'
),

-- Per-pilot counts from output_summary (derived from outputs in every write).
pilot_outputs as (
    select
        output_summary.pilot_id,
        sum(output_summary.outputs)::bigint as output_count,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
            as reported_count,
        coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0)::bigint
            as target_count
    from output_summary
    group by output_summary.pilot_id
),

final as (
    select
        pilots.pilot_id,
        pilots.name as pilot_name,
        pilots.summary,
        pilots.programme_id,
        programmes.short_name as programme_name,
        pilots.place_id,
        places.name as place_name,
        sources.title as source_title,
        pilots.locator,
        stated_pilots.link_locator,
        coalesce(pilot_outputs.target_count, 0) as target_count,
        coalesce(pilot_outputs.reported_count, 0) as reported_count,
        coalesce(pilot_outputs.output_count, 0) as output_count
    from stated_pilots
    inner join pilots on stated_pilots.pilot_id = pilots.pilot_id
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    inner join sources on pilots.source_id = sources.source_id
    left join place_lineage on pilots.place_id = place_lineage.place_id
    left join pilot_outputs on pilots.pilot_id = pilot_outputs.pilot_id
    where
        ($programme is null or pilots.programme_id = $programme)
        and ($place is null or list_contains(coalesce(place_lineage.ancestor_ids, [pilots.place_id]), $place))
)

select * from final
order by
    final.target_count > 0 desc,
    final.reported_count desc,
    final.output_count desc,
    final.pilot_id
limit 1;
