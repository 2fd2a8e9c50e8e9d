-- For each programme: how many places it names, and in how many of them the
-- sources describe a pilot (in the place or anywhere within it).
with
listed as (
    select programme_places.programme_id, programme_places.place_id from programme_places
),

-- Every (programme, place) a pilot sits within, then an equality join: a
-- list_contains() join condition compared every pilot with every named place
-- (350 ms at 25,000 pilots).
pilot_ancestors as (
    select distinct pilots.programme_id, unnest(place_lineage.ancestor_ids) as place_id
    from pilots
    inner join place_lineage on pilots.place_id = place_lineage.place_id
),

covered as (
    select distinct listed.programme_id, listed.place_id
    from listed
    inner join pilot_ancestors
        on listed.programme_id = pilot_ancestors.programme_id and listed.place_id = pilot_ancestors.place_id
),

final as (
    select
        programmes.programme_id,
        programmes.short_name,
        count(listed.place_id) as places_named,
        count(covered.place_id) as places_with_pilot,
        string_agg(places.name, ', ' order by places.name) filter (where covered.place_id is null)
            as places_without_pilot
    from programmes
    inner join listed on programmes.programme_id = listed.programme_id
    inner join places on listed.place_id = places.place_id
    left join covered on listed.programme_id = covered.programme_id and listed.place_id = covered.place_id
    group by programmes.programme_id, programmes.short_name
)

select * from final
order by final.places_named desc, final.short_name;
