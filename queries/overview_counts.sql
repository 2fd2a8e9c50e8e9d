-- The programme in numbers: how much the database holds.
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
output_counts as (
    select
        count(*) as outputs,
        count(*) filter (where outputs.status = 'reported') as reported,
        count(*) filter (where outputs.status = 'not reported') as not_reported,
        count(*) filter (where outputs.kind = 'expected') as expected,
        count(*) filter (where outputs.target_low is not null) as with_target
    from outputs
),
source_count as (select count(*) as sources from sources where kind <> 'reference'),
synthetic as (select coalesce(bool_or(is_synthetic), false) as is_synthetic from sources),

final as (
    select *
    from programme_count, pilot_count, place_count, output_counts, source_count, synthetic
)

select * from final;
