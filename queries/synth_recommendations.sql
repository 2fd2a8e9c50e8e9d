-- Twelve recommendations spread over the five barriers, as in the real set.
insert into recommendations
with
numbers as (
    select r.range::integer as number from range(1, 13) as r
),

final as (
    select
        barriers.barrier_id || '-' || chr(96 + numbers.number::integer) as recommendation_id,
        barriers.barrier_id,
        numbers.number,
        chr(96 + numbers.number::integer) as letter,
        'Synthetic recommendation ' || numbers.number || ' on ' || lower(barriers.name)
            || ' (seed ' || $seed || ')' as text,
        'synth-evidence' as source_id,
        'Recommendation ' || numbers.number as locator
    from numbers
    inner join barriers on barriers.number = 1 + (numbers.number - 1) * 5 // 12
)

select * from final
order by number;
