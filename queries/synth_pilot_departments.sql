-- One to four departments per pilot (one lead; partners, engaged and named), each under the name it had
-- when the pilot started: a pilot of 2012 works with DCLG, one of 2022 with
-- DLUHC, and the department_lineages view joins them up again.
insert into pilot_departments
with
picks as (
    select
        synth_plan.pilot,
        synth_plan.pilot_id,
        synth_plan.start_date,
        k.range as slot,
        -- step 7 is coprime to 30, so the slots of one pilot name different lineages
        'synth-dept-' || lpad(((synth_pick($seed, synth_plan.pilot, 'pd-base', 30) + k.range * 7) % 30)::varchar, 2, '0')
            as lineage_id
    from synth_plan
    cross join range(4) as k
    where k.range < 1 + synth_pick($seed, synth_plan.pilot, 'pd-count', 4)
),

dated as (
    select
        picks.*,
        departments.department_id
    from picks
    inner join departments
        on picks.lineage_id = departments.lineage_id
        and picks.start_date >= coalesce(departments.valid_from, date '1900-01-01')
        and picks.start_date <= coalesce(departments.valid_to, date '9999-12-31')
),

final as (
    select
        dated.pilot_id,
        dated.department_id,
        case when dated.slot = 0 then 'lead'
            when synth_u($seed, dated.pilot * 4 + dated.slot, 'pd-role') < 0.6 then 'partner'
            when synth_u($seed, dated.pilot * 4 + dated.slot, 'pd-role') < 0.85 then 'engaged'
            else 'named' end as role,
        'synth-register' as source_id,
        'Pilot register, entry ' || dated.pilot || ', departments' as locator,
        null as batch_id
    from dated
)

select * from final
order by pilot_id, department_id;
