-- $evidence findings about the barriers, some with a count out of a total
-- ("raised in 6 of 13 meetings"), tied to a place, programme or pilot.
insert into barrier_evidence by name
with
numbers as (
    select e.range as evidence from range($evidence) as e
),

authorities as (
    select places.place_id, row_number() over (order by places.place_id) - 1 as idx, count(*) over () as n
    from places where places.kind not in ('country', 'region', 'neighbourhood')
),

programme_list as (
    select programmes.programme_id, row_number() over (order by programmes.programme_id) - 1 as idx,
        count(*) over () as n
    from programmes
),

drawn as (
    select
        numbers.evidence,
        1 + synth_pick($seed, numbers.evidence, 'ev-barrier', 5) as barrier_number,
        synth_pick($seed, numbers.evidence, 'ev-place', (select max(n) from authorities)) as place_idx,
        synth_pick($seed, numbers.evidence, 'ev-programme', (select max(n) from programme_list)) as programme_idx,
        synth_pick($seed, numbers.evidence, 'ev-pilot', (select count(*) from synth_plan)) as pilot,
        synth_u($seed, numbers.evidence, 'ev-tie') as u_tie,
        synth_u($seed, numbers.evidence, 'ev-value') as u_value,
        4 + synth_pick($seed, numbers.evidence, 'ev-denominator', 20) as denominator
    from numbers
),

final as (
    select
        'ev-' || lpad(drawn.evidence::varchar, 5, '0') as evidence_id,
        barriers.barrier_id,
        case when drawn.u_tie < 0.6 then authorities.place_id end as place_id,
        case when drawn.u_tie >= 0.2 then programme_list.programme_id end as programme_id,
        case when drawn.u_tie >= 0.8 then synth_plan.pilot_id end as pilot_id,
        case when drawn.u_value < 0.7
            then 'Partners named ' || lower(barriers.name) || ' as a barrier in '
                || (1 + floor(drawn.u_value / 0.7 * drawn.denominator))::integer || ' of '
                || drawn.denominator || ' review meetings.'
            else 'Interviews described ' || lower(barriers.name) || ' problems holding the work back.'
        end as finding,
        case when drawn.u_value < 0.7 then least(drawn.denominator, 1 + floor(drawn.u_value / 0.7 * drawn.denominator)) end
            as value,
        case when drawn.u_value < 0.7 then 'exactly' end as value_qualifier,
        case when drawn.u_value < 0.7 then 'meetings' end as value_unit,
        case when drawn.u_value < 0.7 then drawn.denominator end as denominator,
        -- review notes name the barrier themselves
        'stated in source' as basis,
        'synth-evidence' as source_id,
        'Review notes, finding ' || drawn.evidence as locator,
        null as batch_id
    from drawn
    inner join barriers on drawn.barrier_number = barriers.number
    inner join authorities on drawn.place_idx = authorities.idx
    inner join programme_list on drawn.programme_idx = programme_list.idx
    inner join synth_plan on drawn.pilot = synth_plan.pilot
)

select * from final
order by evidence_id;
