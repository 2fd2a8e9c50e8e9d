-- Pilots in a place or anywhere within it, with the barriers each tackled or was held back by.
-- $place: a place_id.
with
within as (
    select place_lineage_summary.place_id
    from place_lineage_summary
    where list_contains(place_lineage_summary.ancestor_ids, $place)
),

barrier_lists as (
    select
        pilot_barriers.pilot_id,
        string_agg(barriers.name, ', ' order by barriers.display_order)
            filter (where pilot_barriers.role = 'addressed') as barriers_tackled,
        string_agg(barriers.name, ', ' order by barriers.display_order)
            filter (where pilot_barriers.role = 'faced') as barriers_held_back,
        string_agg(distinct barriers.name, ', ' order by barriers.name)
            filter (where pilot_barriers.basis = 'our reading') as barriers_our_judgement
    from pilot_barriers
    inner join barriers on pilot_barriers.barrier_id = barriers.barrier_id
    -- only the pilots in this place: the ordered string_agg over every
    -- pilot cost 150 ms at 25,000 pilots
    where pilot_barriers.pilot_id in (
        select pilots.pilot_id from pilots where pilots.place_id in (select within.place_id from within)
    )
    group by pilot_barriers.pilot_id
),

-- Per-pilot counts from output_summary (derived from outputs in every write).
output_counts as (
    select
        output_summary.pilot_id,
        sum(output_summary.outputs)::bigint as outputs,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
            as reported
    from output_summary
    inner join pilots on output_summary.pilot_id = pilots.pilot_id
    where pilots.place_id in (select within.place_id from within)
    group by output_summary.pilot_id
),

final as (
    select
        pilots.pilot_id,
        pilots.name as pilot_name,
        pilots.programme_id,
        programmes.short_name as programme_name,
        programmes.period_note as programme_period,
        pilots.place_id,
        places.name as place_name,
        pilots.scope,
        pilots.start_date,
        pilots.end_date,
        pilots.dates_note,
        pilots.summary,
        barrier_lists.barriers_tackled,
        barrier_lists.barriers_held_back,
        barrier_lists.barriers_our_judgement,
        coalesce(output_counts.outputs, 0) as outputs,
        coalesce(output_counts.reported, 0) as reported,
        sources.source_id,
        sources.title as source_title,
        pilots.locator
    from pilots
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    inner join sources on pilots.source_id = sources.source_id
    left join barrier_lists on pilots.pilot_id = barrier_lists.pilot_id
    left join output_counts on pilots.pilot_id = output_counts.pilot_id
    where pilots.place_id in (select within.place_id from within)
)

select * from final
order by final.programme_name, final.pilot_name, final.pilot_id;
