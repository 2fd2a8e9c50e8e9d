-- Pilot ids an analyst's file may refer to (Add data page), with what tells them apart.
with
pilots_named as (
    select
        pilots.pilot_id,
        pilots.name,
        pilots.programme_id,
        pilots.place_id,
    from pilots
),

final as (
    select * from pilots_named
)

select * from final
order by pilot_id;
