-- A four-level hierarchy with coordinates for the map: England, its nine
-- regions (real names and centres), $authorities made-up authorities and two
-- to eight neighbourhoods in each. Made-up places carry no GSS code.
insert into places
with
regions (region, name, gss_code, lat, lon) as (
    values
    (1, 'North East', 'E12000001', 55.0, -1.9),
    (2, 'North West', 'E12000002', 54.0, -2.6),
    (3, 'Yorkshire and The Humber', 'E12000003', 53.9, -1.2),
    (4, 'East Midlands', 'E12000004', 52.8, -0.9),
    (5, 'West Midlands', 'E12000005', 52.5, -2.2),
    (6, 'East of England', 'E12000006', 52.2, 0.4),
    (7, 'London', 'E12000007', 51.51, -0.12),
    (8, 'South East', 'E12000008', 51.3, -0.6),
    (9, 'South West', 'E12000009', 50.8, -3.6)
),

authority_numbers as (
    select a.range as authority from range($authorities) as a
),

authorities as (
    select
        authority_numbers.authority,
        'auth-' || lpad(authority_numbers.authority::varchar, 3, '0') as place_id,
        ['Ash', 'Brook', 'Castle', 'Dun', 'Elm', 'Fair', 'Green', 'High', 'King', 'Long',
            'Mill', 'Norton', 'Oak', 'Rose', 'Stan', 'Thorn', 'Upper', 'Wood', 'Black', 'Haver'
        ][1 + authority_numbers.authority % 20]
        || ['ford', 'ham', 'ley', 'ton', 'bury', 'field', 'wick', 'borough', 'combe', 'stead',
            'mouth', 'bridge', 'worth', 'by', 'minster'
        ][1 + (authority_numbers.authority // 20) % 15]
        || case when authority_numbers.authority >= 300 then ' ' || (authority_numbers.authority // 300 + 1) else '' end
            as name,
        1 + synth_pick($seed, authority_numbers.authority, 'auth-region', 9) as region
    from authority_numbers
),

country as (
    select
        'england' as place_id, 'England' as name, 'country' as kind, null as parent_id,
        'E92000001' as gss_code, 52.36 as lat, -1.17 as lon, 'Country' as locator
),

region_rows as (
    select
        'region-' || regions.region as place_id, regions.name, 'region' as kind, 'england' as parent_id,
        regions.gss_code, regions.lat, regions.lon, 'Region ' || regions.region as locator
    from regions
),

authority_rows as (
    select
        authorities.place_id,
        authorities.name,
        case
            when authorities.region = 7 then 'London borough'
            else ['district', 'unitary authority', 'metropolitan borough'][
                1 + synth_pick($seed, authorities.authority, 'auth-kind', 3)]
        end as kind,
        'region-' || authorities.region as parent_id,
        null as gss_code,
        round(regions.lat + (synth_u($seed, authorities.authority, 'auth-lat') - 0.5)
            * case when authorities.region = 7 then 0.2 else 1.0 end, 3) as lat,
        round(regions.lon + (synth_u($seed, authorities.authority, 'auth-lon') - 0.5)
            * case when authorities.region = 7 then 0.3 else 1.4 end, 3) as lon,
        'Authority ' || authorities.authority as locator
    from authorities
    inner join regions on authorities.region = regions.region
),

neighbourhood_rows as (
    select
        authority_rows.place_id || '-n' || n.range as place_id,
        authority_rows.name || ' ' || ['Central', 'North', 'South', 'East', 'West', 'Park', 'Green', 'Vale'][
            1 + n.range] as name,
        'neighbourhood' as kind,
        authority_rows.place_id as parent_id,
        null as gss_code,
        round(authority_rows.lat + (synth_u($seed, authority_rows.place_id || n.range, 'nb-lat') - 0.5) * 0.08, 4)
            as lat,
        round(authority_rows.lon + (synth_u($seed, authority_rows.place_id || n.range, 'nb-lon') - 0.5) * 0.12, 4)
            as lon,
        authority_rows.locator || ', neighbourhood ' || n.range as locator
    from authority_rows
    cross join range(8) as n
    where n.range < 2 + synth_pick($seed, authority_rows.place_id, 'nb-count', 7)
),

all_places as (
    select * from country
    union all select * from region_rows
    union all select * from authority_rows
    union all select * from neighbourhood_rows
),

final as (
    select
        all_places.place_id,
        all_places.name,
        all_places.kind,
        all_places.parent_id,
        all_places.gss_code,
        all_places.lat,
        all_places.lon,
        'synth-register' as source_id,
        'Place register: ' || all_places.locator as locator,
        'synth-register' as geo_source_id,
        null as batch_id
    from all_places
)

select * from final
order by place_id;
