-- Money the sources say went (or was planned to go) into a case study's place
-- under its programme, for comparing with a money result that has no target.
-- $place_id, $programme_id: the case study's place and programme.
with
flows_to_place as (
    select
        funding_flows.flow_id,
        funding_flows.from_body,
        funding_flows.to_body,
        funding_flows.amount_gbp,
        funding_flows.amount_qualifier,
        funding_flows.flow_kind,
        funding_flows.period,
        funding_flows.note,
        funding_flows.source_id,
        funding_flows.locator
    from funding_flows
    where
        funding_flows.to_place_id = $place_id
        and funding_flows.programme_id = $programme_id
        and funding_flows.status = 'reported'
),

final as (
    select
        flows_to_place.*,
        sources.title as source_title
    from flows_to_place
    inner join sources on flows_to_place.source_id = sources.source_id
)

select * from final
order by final.flow_id;
