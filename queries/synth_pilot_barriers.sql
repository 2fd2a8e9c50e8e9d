-- Each pilot addressed or faced some of the five barriers (at least one).
insert into pilot_barriers
with
pairs as (
    select
        synth_plan.pilot,
        synth_plan.pilot_id,
        barriers.barrier_id,
        barriers.number,
        synth_u($seed, synth_plan.pilot * 8 + barriers.number, 'pb-in') as u_in,
        1 + synth_pick($seed, synth_plan.pilot, 'pb-forced', 5) as forced
    from synth_plan
    cross join barriers
),

final as (
    select
        pairs.pilot_id,
        pairs.barrier_id,
        case when synth_u($seed, pairs.pilot * 8 + pairs.number, 'pb-role') < 0.6 then 'addressed'
            else 'faced' end as role,
        case when synth_u($seed, pairs.pilot * 8 + pairs.number, 'pb-basis') < 0.3 then 'stated in source'
            else 'our reading' end as basis,
        'synth-register' as source_id,
        'Pilot register, entry ' || pairs.pilot || ', barriers' as locator,
        null as batch_id
    from pairs
    where pairs.u_in < 0.35 or pairs.number = pairs.forced
)

select * from final
order by pilot_id, barrier_id;
