-- One pilot: what, where, when, in which programme, and where we read it. $pilot: a pilot_id.
select
    pilots.pilot_id,
    pilots.name,
    pilots.scope,
    pilots.start_date,
    pilots.end_date,
    pilots.dates_note,
    pilots.summary,
    pilots.programme_id,
    programmes.name as programme_name,
    programmes.short_name as programme_short_name,
    pilots.place_id,
    places.name as place_name,
    places.kind as place_kind,
    pilots.source_id,
    sources.title as source_title,
    pilots.locator
from pilots
inner join programmes on pilots.programme_id = programmes.programme_id
inner join places on pilots.place_id = places.place_id
inner join sources on pilots.source_id = sources.source_id
where pilots.pilot_id = $pilot;
