-- Every place for the place filter, with its kind and parent for the label.
with
final as (
    select
        places.place_id,
        places.name,
        places.kind,
        parent.name as parent_name
    from places
    left join places as parent on places.parent_id = parent.place_id
)

select * from final
order by final.name, final.place_id;
