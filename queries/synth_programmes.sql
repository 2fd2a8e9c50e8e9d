-- $programmes made-up programmes (up to 48 distinct names), each led by the
-- name of a department lineage that was current when it started.
insert into programmes
with
numbers as (
    select p.range as programme from range($programmes) as p
),

named as (
    select
        numbers.programme,
        'prog-' || lpad(numbers.programme::varchar, 2, '0') as programme_id,
        ['Stronger', 'Healthy', 'Connected', 'Thriving', 'Safer', 'Greener', 'Working', 'Fairer'][
            1 + numbers.programme % 8] as adjective,
        ['Places', 'Communities', 'Neighbourhoods', 'Futures', 'Towns', 'Families'][
            1 + (numbers.programme // 8) % 6] as noun,
        2004 + synth_pick($seed, numbers.programme, 'prog-start', 16)::integer as start_year,
        synth_pick($seed, numbers.programme, 'prog-lineage', 30) as lineage
    from numbers
),

led as (
    select
        named.*,
        (
            select departments.department_id
            from departments
            where departments.lineage_id = 'synth-dept-' || lpad(named.lineage::varchar, 2, '0')
                and coalesce(departments.valid_from, date '1900-01-01') <= make_date(named.start_year, 1, 1)
            order by departments.valid_from desc nulls last
            limit 1
        ) as lead_department_id
    from named
),

final as (
    select
        led.programme_id,
        led.adjective || ' ' || led.noun || case when led.programme >= 48 then ' ' || (led.programme // 48 + 1) else '' end
            as name,
        led.adjective || ' ' || led.noun || case when led.programme >= 48 then ' ' || (led.programme // 48 + 1) else '' end
            as short_name,
        led.start_year,
        case when synth_u($seed, led.programme, 'prog-open') < 0.15 then null
            else led.start_year + 2 + synth_pick($seed, led.programme, 'prog-length', 7)::integer
        end as end_year,
        null as period_note,
        'Synthetic fund ' || (1 + led.programme % 5) as funder,
        led.lead_department_id,
        'A made-up programme for tests and benchmarks: councils and departments working together on '
            || lower(led.noun) || '.' as summary,
        'synth-register' as source_id,
        'Programme register, entry ' || led.programme as locator,
        null as batch_id
    from led
)

select * from final
order by programme_id;
