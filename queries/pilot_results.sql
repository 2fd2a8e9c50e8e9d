-- A pilot's results, those with a goal first. $pilot: a pilot_id; $limit bounds the rows.
-- Outputs are stored in pilot order, so only the pilot's row groups are read.
select
    outputs.output_id,
    outputs.pilot_id,
    pilots.name as pilot_name,
    pilots.place_id,
    places.name as place_name,
    pilots.programme_id,
    programmes.short_name as programme_name,
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
inner join programmes on pilots.programme_id = programmes.programme_id
inner join sources on outputs.source_id = sources.source_id
where outputs.pilot_id = $pilot
order by outputs.target_low is null, outputs.output_id
limit $limit;
