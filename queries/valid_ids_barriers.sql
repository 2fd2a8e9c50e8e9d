-- Barrier ids an analyst's file may refer to (Add data page), in display order.
with
barriers_ordered as (
    select
        barriers.barrier_id,
        barriers.name,
        barriers.display_order,
    from barriers
),

final as (
    select
        barriers_ordered.barrier_id,
        barriers_ordered.name,
    from barriers_ordered
    order by barriers_ordered.display_order
)

select * from final;
