-- Every pilot for the pilot page's picker, by name.
select
    pilots.pilot_id,
    pilots.name,
    places.name as place_name,
    programmes.short_name as programme_short_name
from pilots
inner join places on pilots.place_id = places.place_id
inner join programmes on pilots.programme_id = programmes.programme_id
order by pilots.name, pilots.pilot_id;
