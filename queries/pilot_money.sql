-- Money and other figures the sources give for a pilot's place in its
-- programme: funding flows to the place, and context figures about it.
-- $pilot: a pilot_id. An amount that is not reported stays null.
with
pilot as (
    select pilots.place_id, pilots.programme_id from pilots where pilots.pilot_id = $pilot
),

flows as (
    select
        'funding' as kind,
        funding_flows.from_body || ' to ' || funding_flows.to_body as subject,
        funding_flows.flow_kind || coalesce(', ' || funding_flows.period, '') as measure,
        funding_flows.amount_gbp as value,
        funding_flows.amount_qualifier as qualifier,
        'GBP' as unit,
        funding_flows.status,
        funding_flows.note,
        funding_flows.source_id,
        sources.title as source_title,
        funding_flows.locator
    from funding_flows
    inner join pilot on funding_flows.to_place_id = pilot.place_id
    inner join sources on funding_flows.source_id = sources.source_id
    where funding_flows.programme_id is null or funding_flows.programme_id = pilot.programme_id
),

figures as (
    select
        -- a figure tied to the pilot's programme is about the pilot (the Hub's
        -- 12-week set-up); one with no programme is about the place (review C8 61)
        case when context_figures.programme_id is null then 'place' else 'pilot' end as kind,
        context_figures.subject,
        context_figures.measure || coalesce(' (' || context_figures.period || ')', ''),
        context_figures.value,
        context_figures.qualifier,
        context_figures.unit,
        'reported',
        null::varchar,
        context_figures.source_id,
        sources.title,
        context_figures.locator
    from context_figures
    inner join pilot on context_figures.place_id = pilot.place_id
    inner join sources on context_figures.source_id = sources.source_id
    where context_figures.programme_id is null or context_figures.programme_id = pilot.programme_id
)

select * from flows
union all
select * from figures
order by kind desc, subject, measure;
