-- Programme ids an analyst's file may refer to (Add data page).
with
programmes_named as (
    select
        programmes.programme_id,
        programmes.name,
        programmes.start_year,
        programmes.end_year,
    from programmes
),

final as (
    select * from programmes_named
)

select * from final
order by programme_id;
