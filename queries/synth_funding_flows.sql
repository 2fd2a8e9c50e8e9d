-- Money from departments to places for a programme; a fifth not reported.
insert into funding_flows by name
with
numbers as (
    select f.range as flow from range($flows) as f
),

authorities as (
    select places.place_id, places.name, row_number() over (order by places.place_id) - 1 as idx,
        count(*) over () as n
    from places where places.kind not in ('country', 'region', 'neighbourhood')
),

programme_list as (
    select programmes.programme_id, programmes.lead_department_id, programmes.start_year,
        row_number() over (order by programmes.programme_id) - 1 as idx, count(*) over () as n
    from programmes
),

drawn as (
    select
        numbers.flow,
        synth_pick($seed, numbers.flow, 'ff-place', (select max(n) from authorities)) as place_idx,
        synth_pick($seed, numbers.flow, 'ff-programme', (select max(n) from programme_list)) as programme_idx,
        synth_u($seed, numbers.flow, 'ff-amount') as u_amount,
        synth_u($seed, numbers.flow, 'ff-status') as u_status,
        synth_pick($seed, numbers.flow, 'ff-kind', 3) as kind_idx
    from numbers
),

final as (
    select
        'flow-' || lpad(drawn.flow::varchar, 4, '0') as flow_id,
        departments.name as from_body,
        departments.department_id as from_department_id,
        authorities.name || ' council' as to_body,
        authorities.place_id as to_place_id,
        programme_list.programme_id,
        case when drawn.u_status >= 0.2 then round(pow(10, 5 + 2.5 * drawn.u_amount), -3) end as amount_gbp,
        case when drawn.u_status >= 0.2 then (case when drawn.u_amount < 0.8 then 'exactly' else 'about' end)
        end as amount_qualifier,
        case when drawn.u_status >= 0.2 then 'reported' else 'not reported' end as status,
        ['paid', 'planned', 'ring-fenced'][1 + drawn.kind_idx] as flow_kind,
        programme_list.start_year || ' to ' || (programme_list.start_year + 1) as period,
        case when drawn.u_status >= 0.2 then 'Synthetic grant' else 'Synthetic grant; amount not given' end
            as note,
        'synth-finance' as source_id,
        'Funding table, row ' || drawn.flow as locator
    from drawn
    inner join authorities on drawn.place_idx = authorities.idx
    inner join programme_list on drawn.programme_idx = programme_list.idx
    inner join departments on programme_list.lead_department_id = departments.department_id
)

select * from final
order by flow_id;
