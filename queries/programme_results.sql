-- Results of a programme's pilots, those with a goal first. $programme: a
-- programme_id; $limit bounds the rows.
select
    outputs.output_id,
    outputs.pilot_id,
    pilots.name as pilot_name,
    pilots.place_id,
    places.name as place_name,
    outputs.measure,
    outputs.unit,
    outputs.target_low,
    outputs.target_high,
    outputs.target_qualifier,
    outputs.actual,
    outputs.qualifier,
    outputs.kind,
    outputs.status,
    outputs.source_id,
    sources.title as source_title,
    outputs.locator
from outputs
inner join pilots on outputs.pilot_id = pilots.pilot_id
inner join places on pilots.place_id = places.place_id
inner join sources on outputs.source_id = sources.source_id
where pilots.programme_id = $programme
order by outputs.target_low is null, pilots.name, outputs.output_id
limit $limit;
