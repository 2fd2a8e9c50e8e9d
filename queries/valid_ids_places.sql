-- Place ids an analyst's file may refer to (Add data page), with kind and parent.
with
places_named as (
    select
        places.place_id,
        places.name,
        places.kind,
        places.parent_id,
    from places
),

final as (
    select * from places_named
)

select * from final
order by place_id;
