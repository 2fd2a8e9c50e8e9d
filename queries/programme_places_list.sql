-- The places a programme names, with their role. $programme: a programme_id.
select
    places.place_id,
    places.name as place_name,
    places.kind,
    programme_places.role,
    programme_places.source_id,
    sources.title as source_title,
    programme_places.locator
from programme_places
inner join places on programme_places.place_id = places.place_id
inner join sources on programme_places.source_id = sources.source_id
where programme_places.programme_id = $programme
order by places.name;
