-- Output numbers $start .. $stop - 1 of $outputs. Each pilot owns a
-- contiguous block (synth_plan.start_row) and reports its measures month by
-- month; targets belong to a pilot's measure, so they repeat across months.
-- Mix: about 60% with a target (a third of those a range), 8% not reported
-- (actual and qualifier NULL), about 1 in 4 figures qualified ("over",
-- "about" ...), later months and 6% of the rest expected, not achieved.
insert into outputs by name
with
catalog (measure_idx, measure, unit, scale, decimals) as (
    values
    (0, 'People helped', 'people', 400, 0), (1, 'Families supported', 'families', 120, 0),
    (2, 'Referrals received', 'referrals', 250, 0), (3, 'Homes improved', 'homes', 80, 0),
    (4, 'Home assessments', 'homes', 150, 0), (5, 'Households given advice', 'households', 300, 0),
    (6, 'Young people mentored', 'young people', 90, 0), (7, 'People into work', 'people', 60, 0),
    (8, 'Training places filled', 'places', 120, 0), (9, 'Volunteers recruited', 'volunteers', 45, 0),
    (10, 'Services engaged', 'services', 25, 0), (11, 'Partners sharing data', 'organisations', 12, 0),
    (12, 'Cases closed', 'cases', 200, 0), (13, 'Repeat presentations avoided', 'presentations', 70, 0),
    (14, 'Fall in emergency admissions', 'percent', 12, 1), (15, 'Rise in school attendance', 'percent', 6, 1),
    (16, 'Residents who feel safe', 'percent', 70, 1), (17, 'Waiting time for first contact', 'days', 14, 0),
    (18, 'Journey time to the hub', 'minutes', 20, 0), (19, 'Savings identified', 'GBP', 250000, 0),
    (20, 'Money pooled from partners', 'GBP', 500000, 0), (21, 'Grants awarded', 'grants', 30, 0),
    (22, 'Community events held', 'events', 20, 0), (23, 'People attending events', 'people', 600, 0),
    (24, 'Children in early help', 'children', 150, 0), (25, 'Carers supported', 'carers', 80, 0),
    (26, 'Tenancies sustained', 'tenancies', 50, 0), (27, 'Evictions prevented', 'households', 25, 0),
    (28, 'Apprenticeships started', 'apprenticeships', 35, 0), (29, 'Businesses supported', 'businesses', 40, 0),
    (30, 'Energy saved', 'MWh', 300, 0), (31, 'Trees planted', 'trees', 1000, 0),
    (32, 'Staff trained in joint working', 'staff', 100, 0), (33, 'Data-sharing agreements signed', 'agreements', 6, 0),
    (34, 'Joint posts created', 'posts', 5, 0), (35, 'Hours of support given', 'hours', 2000, 0),
    (36, 'Reoffending rate', 'percent', 25, 1), (37, 'Participants completing the course', 'percent', 65, 1),
    (38, 'Digital skills sessions', 'sessions', 150, 0), (39, 'Complaints resolved', 'complaints', 60, 0)
),

numbered as (
    select n.range as i from range($start, $stop) as n
),

placed as (
    select
        numbered.i,
        synth_plan.pilot,
        synth_plan.pilot_id,
        synth_plan.start_date,
        (numbered.i - synth_plan.start_row) % synth_plan.measure_count as slot,
        (numbered.i - synth_plan.start_row) // synth_plan.measure_count as month,
        (synth_plan.measure_base + ((numbered.i - synth_plan.start_row) % synth_plan.measure_count) * 7) % 40
            as measure_idx
    from numbered
    asof inner join synth_plan on numbered.i >= synth_plan.start_row
),

drawn as (
    select
        placed.*,
        catalog.measure,
        catalog.unit,
        catalog.scale,
        catalog.decimals,
        placed.pilot * 64 + placed.slot as series,
        -- eight years of monthly returns at most; a bigger block repeats months
        -- (resubmitted returns), so no period ends absurdly far ahead
        last_day(placed.start_date + to_months((placed.month % 96 + 1)::integer)) as period_end,
        synth_u($seed, placed.pilot * 64 + placed.slot, 'has-target') as u_has_target,
        synth_u($seed, placed.pilot * 64 + placed.slot, 'range') as u_range,
        synth_u($seed, placed.pilot * 64 + placed.slot, 'target-size') as u_target_size,
        synth_u($seed, placed.pilot * 64 + placed.slot, 'target-qualifier') as u_target_qualifier,
        synth_u($seed, placed.pilot * 64 + placed.slot, 'baseline') as u_baseline,
        synth_u($seed, placed.i, 'status') as u_status,
        synth_u($seed, placed.i, 'kind') as u_kind,
        synth_u($seed, placed.i, 'actual') as u_actual,
        synth_u($seed, placed.i, 'qualifier') as u_qualifier,
        synth_u($seed, placed.i, 'note') as u_note
    from placed
    inner join catalog on placed.measure_idx = catalog.measure_idx
),

valued as (
    select
        drawn.*,
        drawn.u_has_target < 0.6 as has_target,
        case when drawn.unit = 'percent' then least(95, drawn.scale * (0.5 + 1.5 * drawn.u_target_size))
            else drawn.scale * (0.5 + 1.5 * drawn.u_target_size) end as goal,
        case when drawn.period_end > date '2026-03-31' or drawn.u_kind < 0.06 then 'expected'
            else 'achieved' end as kind,
        case when drawn.u_status < 0.08 then 'not reported' else 'reported' end as status
    from drawn
),

-- the output number keeps each pilot's block together on disk
numbered_output as (
    select
        valued.i,
        'out-' || lpad((valued.i + 1)::varchar, 8, '0') as output_id,
        valued.pilot_id,
        valued.measure,
        valued.unit,
        case when valued.u_baseline < 0.3
            then round(valued.scale * valued.u_baseline, valued.decimals) end as baseline,
        case when valued.has_target then round(
            case when valued.u_range < 0.33 then valued.goal * 0.8 else valued.goal end, valued.decimals)
        end as target_low,
        case when valued.has_target then round(
            case when valued.u_range < 0.33 then valued.goal * 1.2 else valued.goal end, valued.decimals)
        end as target_high,
        case when not valued.has_target then null
            when valued.u_target_qualifier < 0.08 then 'about'
            when valued.u_target_qualifier < 0.12 then 'at least'
        end as target_qualifier,
        case when valued.status = 'reported' then round(
            case when valued.unit = 'percent'
                then least(99.9, valued.goal * (0.3 + 1.1 * valued.u_actual))
                else valued.goal * (0.2 + 1.6 * valued.u_actual) * (1 + 0.02 * least(valued.month, 60))
            end, valued.decimals)
        end as actual,
        case when valued.status = 'not reported' then null
            when valued.u_qualifier < 0.74 then 'exactly'
            when valued.u_qualifier < 0.84 then 'over'
            when valued.u_qualifier < 0.90 then 'about'
            when valued.u_qualifier < 0.94 then 'at least'
            when valued.u_qualifier < 0.97 then 'under'
            else 'up to'
        end as qualifier,
        valued.kind,
        valued.status,
        valued.period_end,
        case
            when valued.status = 'not reported' and valued.u_note < 0.5 then 'Return not received by the deadline'
            when valued.u_note < 0.01 then 'Revised after audit'
            when valued.u_note < 0.02 then 'Partial return: some partners did not report'
            when valued.u_note < 0.03 then 'Estimate agreed with the lead department'
        end as note,
        -- one goal in ten was set for something other than what was counted
        -- (a caseload goal beside a count of enquiries): no ratio for those
        case when valued.has_target then synth_u($seed, valued.series, 'same-measure') >= 0.1 end
            as goal_same_measure,
        case when valued.has_target and synth_u($seed, valued.series, 'same-measure') < 0.1
            then 'Goal set in the first plan for a narrower group than ' || lower(valued.measure) end
            as goal_measure,
        -- synthetic returns stand for the pilots' own monitoring returns
        'reported by the programme' as evidence_strength,
        'Synthetic monitoring return, as a pilot would send it' as evidence_basis,
        'synth-returns' as source_id,
        'Return for ' || valued.period_end || ', line ' || (valued.slot + 1) as locator,
        null as batch_id
    from valued
)

select * exclude (i) from numbered_output
order by i;
