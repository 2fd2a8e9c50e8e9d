-- A programme's pilots by name, a page at a time, with their results counted
-- from the summary. $programme: a programme_id; $limit, $offset page through.
with
counts as (
    select
        output_summary.pilot_id,
        sum(output_summary.outputs)::bigint as outputs,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
            as reported
    from output_summary
    inner join pilots on output_summary.pilot_id = pilots.pilot_id
    where pilots.programme_id = $programme
    group by output_summary.pilot_id
)

select
    pilots.pilot_id,
    pilots.name as pilot_name,
    pilots.place_id,
    places.name as place_name,
    pilots.start_date,
    pilots.end_date,
    pilots.dates_note,
    coalesce(counts.outputs, 0) as outputs,
    coalesce(counts.reported, 0) as reported,
    pilots.source_id,
    sources.title as source_title,
    pilots.locator
from pilots
inner join places on pilots.place_id = places.place_id
inner join sources on pilots.source_id = sources.source_id
left join counts on pilots.pilot_id = counts.pilot_id
where pilots.programme_id = $programme
order by pilots.name, pilots.pilot_id
limit $limit offset $offset;
