-- One place with its parent and where its facts come from. $place: a place_id.
with
final as (
    select
        places.place_id,
        places.name,
        places.kind,
        places.parent_id,
        parent.name as parent_name,
        places.gss_code,
        places.lat,
        places.lon,
        sources.title as source_title,
        places.locator,
        geo.title as geo_source_title
    from places
    left join places as parent on places.parent_id = parent.place_id
    inner join sources on places.source_id = sources.source_id
    left join sources as geo on places.geo_source_id = geo.source_id
    where places.place_id = $place
)

select * from final;
