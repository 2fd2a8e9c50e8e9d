-- The programme in numbers: how much the database holds. "places" is every
-- place a pilot or programme works in (countries, a New York neighbourhood,
-- PfPP's places ...); "pfpp_places" only PfPP's pilot places (13), the
-- figure the intro and the slides quote.
with
-- "programmes" counts programmes with at least one pilot (Changing Futures, which
-- the guidance only cites, has none). A grouping of independent initiatives is
-- not a programme: the data names no funder, lead department, places or
-- programme-wide entry for it. It is named ("groupings"), not counted.
programme_kinds as (
    select
        programmes.programme_id,
        programmes.name,
        exists (select 1 from pilots where pilots.programme_id = programmes.programme_id) as has_pilots,
        programmes.funder is null
        and programmes.lead_department_id is null
        and not exists (
            select 1 from programme_places where programme_places.programme_id = programmes.programme_id
        )
        and not exists (
            select 1 from pilots
            where pilots.programme_id = programmes.programme_id and pilots.scope = 'programme-wide'
        ) as is_grouping
    from programmes
),
programme_count as (
    select
        count(*) filter (where has_pilots and not is_grouping) as programmes,
        coalesce(string_agg(name, '; ' order by name) filter (where has_pilots and is_grouping), '') as groupings
    from programme_kinds
),
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
