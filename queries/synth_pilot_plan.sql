-- The generator's plan for each of $pilots pilots (a temporary table, not
-- written to the file): its programme, place and dates, how many measures it
-- reports, and which contiguous block of the $outputs output numbers is its
-- own. Pilots get uneven shares (a few big, many small), as real returns do.
create or replace temp table synth_plan as
with
numbers as (
    select p.range as pilot from range($pilots) as p
),

candidate_places as (
    select
        places.place_id,
        places.name,
        row_number() over (order by places.place_id) - 1 as idx,
        count(*) over () as n
    from places
    where places.kind not in ('country', 'region')
),

programme_list as (
    select
        programmes.programme_id,
        programmes.start_year,
        programmes.end_year,
        row_number() over (order by programmes.programme_id) - 1 as idx,
        count(*) over () as n
    from programmes
),

drawn as (
    select
        numbers.pilot,
        synth_pick($seed, numbers.pilot, 'pilot-programme', (select max(n) from programme_list)) as programme_idx,
        synth_pick($seed, numbers.pilot, 'pilot-place', (select max(n) from candidate_places)) as place_idx,
        -- weight 0.1 .. ~8: skewed so that some pilots report far more than others
        0.1 + 8 * pow(synth_u($seed, numbers.pilot, 'pilot-weight'), 3) as weight,
        2 + synth_pick($seed, numbers.pilot, 'pilot-measures', 9) as measure_count,
        synth_pick($seed, numbers.pilot, 'pilot-measure-base', 40) as measure_base,
        synth_u($seed, numbers.pilot, 'pilot-scope') as u_scope,
        synth_pick($seed, numbers.pilot, 'pilot-start', 700) as start_offset,
        synth_pick($seed, numbers.pilot, 'pilot-theme', 12) as theme
    from numbers
),

shares as (
    select
        drawn.*,
        sum(drawn.weight) over (order by drawn.pilot rows between unbounded preceding and 1 preceding) as weight_before,
        sum(drawn.weight) over () as weight_total
    from drawn
),

final as (
    select
        shares.pilot,
        'pilot-' || lpad(shares.pilot::varchar, 5, '0') as pilot_id,
        programme_list.programme_id,
        candidate_places.place_id,
        candidate_places.name || ' ' || [
            'family hub', 'employment support', 'fuel poverty project', 'youth mentoring',
            'community safety partnership', 'health prevention pilot', 'housing retrofit',
            'data-sharing pilot', 'skills hub', 'early help service', 'town centre project', 'social prescribing'
        ][1 + shares.theme] as name,
        case when shares.u_scope < 0.85 then 'pilot' when shares.u_scope < 0.97 then 'case study'
            else 'programme-wide' end as scope,
        (make_date(programme_list.start_year, 1, 1) + to_days(shares.start_offset::integer))::date as start_date,
        shares.measure_count,
        shares.measure_base,
        (floor($outputs * coalesce(shares.weight_before, 0) / shares.weight_total))::bigint as start_row
    from shares
    inner join programme_list on shares.programme_idx = programme_list.idx
    inner join candidate_places on shares.place_idx = candidate_places.idx
)

select * from final
order by pilot;
