-- One page of the pilots that addressed or faced one barrier, with how we know:
-- at 10M outputs a barrier has about 12,000 pilots, too many to send to
-- the browser on every rerun. pilot_id breaks ties so pages never overlap.
-- $barrier: a barrier_id; $limit, $offset: the page. $place (or NULL): only
-- pilots in that place or a place within it (Liverpool includes Croxteth);
-- $programme (or NULL): only that programme's pilots.
with
links as (
    select pilot_barriers.*
    from pilot_barriers
    inner join pilot_summary on pilot_barriers.pilot_id = pilot_summary.pilot_id
    where pilot_barriers.barrier_id = $barrier
        and ($place is null or list_contains(pilot_summary.place_ancestor_ids, $place))
        and ($programme is null or pilot_summary.programme_id = $programme)
),

-- Per-pilot counts from output_summary (derived from outputs in every write).
output_counts as (
    select
        output_summary.pilot_id,
        sum(output_summary.outputs)::bigint as outputs,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
            as reported
    from output_summary
    where output_summary.pilot_id in (select links.pilot_id from links)
    group by output_summary.pilot_id
),

final as (
    select
        links.pilot_id,
        pilots.name as pilot_name,
        pilots.programme_id,
        programmes.short_name as programme_name,
        pilots.place_id,
        places.name as place_name,
        links.role,
        links.basis,
        pilots.summary,
        coalesce(output_counts.outputs, 0) as outputs,
        coalesce(output_counts.reported, 0) as reported,
        sources.source_id,
        sources.title as source_title,
        links.locator
    from links
    inner join pilots on links.pilot_id = pilots.pilot_id
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    inner join sources on links.source_id = sources.source_id
    left join output_counts on links.pilot_id = output_counts.pilot_id
)

select * from final
order by final.role, final.basis desc, final.pilot_name, final.pilot_id
limit $limit offset $offset;
