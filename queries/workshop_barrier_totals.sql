-- How many answers each barrier got when a workshop's room was asked which
-- barrier holds its place back most, over every saved workshop, or over
-- those about $place (null: all). Every barrier is listed, even at 0, in
-- the guidance's order; `workshops` and `all_answers` count what was asked.
with
asked as (
    select
        workshop_answers.session_id,
        workshop_answers.barrier_id,
        workshop_answers.answers,
    from workshop_answers
    where
        workshop_answers.question_id = 'barrier-most'
        and ($place is null or workshop_answers.place_id = $place)
),

per_barrier as (
    select
        barriers.barrier_id,
        barriers.name as barrier_name,
        barriers.display_order,
        coalesce(sum(asked.answers), 0)::bigint as answers,
    from barriers
    left join asked on barriers.barrier_id = asked.barrier_id
    group by barriers.barrier_id, barriers.name, barriers.display_order
),

asked_totals as (
    select
        count(distinct asked.session_id) as workshops,
        coalesce(sum(asked.answers), 0)::bigint as all_answers,
    from asked
),

final as (
    select
        per_barrier.barrier_id,
        per_barrier.barrier_name,
        per_barrier.display_order,
        per_barrier.answers,
        asked_totals.workshops,
        asked_totals.all_answers,
    from per_barrier
    cross join asked_totals
)

select * from final
order by final.display_order;
