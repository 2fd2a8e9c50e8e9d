-- The programme in numbers: how much the database holds. "places" is every
-- place a pilot or programme works in (countries, a New York neighbourhood,
-- PfPP's places ...); "pfpp_places" only PfPP's pilot places (13), the
-- figure the intro and the slides quote.
with
programme_count as (select count(*) as programmes from programmes),
pilot_count as (select count(*) as pilots from pilots),
place_count as (
    select count(distinct place_id) as places
    from (
        select pilots.place_id from pilots
        union all
        select programme_places.place_id from programme_places
    )
),
pfpp_place_count as (
    select count(distinct programme_places.place_id) as pfpp_places
    from programme_places
    where programme_places.programme_id = 'pfpp' and programme_places.role = 'pilot place'
),
output_counts as (select * from output_totals(null, null)),
source_count as (select count(*) as sources from sources where kind <> 'reference'),
synthetic as (select coalesce(bool_or(is_synthetic), false) as is_synthetic from sources),

final as (
    select *
    from programme_count, pilot_count, place_count, pfpp_place_count, output_counts, source_count, synthetic
)

select * from final;
