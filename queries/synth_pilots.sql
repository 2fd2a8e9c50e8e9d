-- Pilots from the generator's plan (synth_plan).
insert into pilots
select
    synth_plan.pilot_id,
    synth_plan.name,
    synth_plan.programme_id,
    synth_plan.place_id,
    synth_plan.scope,
    synth_plan.start_date,
    case when synth_u($seed, synth_plan.pilot, 'pilot-open') < 0.1 then null
        else (synth_plan.start_date + to_months(12 + synth_pick($seed, synth_plan.pilot, 'pilot-length', 48)::integer))::date
    end as end_date,
    'A made-up ' || synth_plan.scope || ' for tests and benchmarks, reporting '
        || synth_plan.measure_count || ' measures a month.' as summary,
    'synth-register' as source_id,
    'Pilot register, entry ' || synth_plan.pilot as locator,
    null as dates_note,
    null as batch_id
from synth_plan
order by synth_plan.pilot;
