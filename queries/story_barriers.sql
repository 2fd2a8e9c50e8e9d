-- Barriers for the storyboard, in display order, with the document they come from.
-- $barrier: a barrier_id or null for all five. total_barriers counts all of them
-- (the title slide says "five barriers" even when the deck shows one).
with
all_barriers as (
    select count(*) as total_barriers from barriers
),

final as (
    select
        barriers.barrier_id,
        barriers.number,
        barriers.name,
        barriers.summary,
        barriers.display_order,
        barriers.locator,
        sources.title as source_title,
        all_barriers.total_barriers
    from barriers
    inner join sources on barriers.source_id = sources.source_id
    cross join all_barriers
    where $barrier is null or barriers.barrier_id = $barrier
)

select * from final
order by final.display_order, final.barrier_id;
