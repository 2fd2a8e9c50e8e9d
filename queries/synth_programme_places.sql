-- A programme works in every authority where one of its pilots is (a
-- neighbourhood pilot counts for its authority).
insert into programme_places
with
pilot_authorities as (
    select distinct
        pilots.programme_id,
        case when places.kind = 'neighbourhood' then places.parent_id else places.place_id end as place_id
    from pilots
    inner join places on pilots.place_id = places.place_id
),

final as (
    select
        pilot_authorities.programme_id,
        pilot_authorities.place_id,
        'pilot place' as role,
        'synth-register' as source_id,
        'Programme register, places' as locator
    from pilot_authorities
)

select * from final
order by programme_id, place_id;
