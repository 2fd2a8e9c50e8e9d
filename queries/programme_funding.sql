-- Money the sources say moved for a programme; an amount not reported stays null.
-- $programme: a programme_id.
select
    funding_flows.flow_id,
    funding_flows.from_body,
    funding_flows.from_department_id,
    departments.lineage_id as from_lineage_id,
    funding_flows.to_body,
    funding_flows.to_place_id,
    funding_flows.amount_gbp,
    funding_flows.amount_qualifier,
    funding_flows.status,
    funding_flows.flow_kind,
    funding_flows.period,
    funding_flows.note,
    funding_flows.source_id,
    sources.title as source_title,
    funding_flows.locator
from funding_flows
inner join sources on funding_flows.source_id = sources.source_id
left join departments on funding_flows.from_department_id = departments.department_id
where funding_flows.programme_id = $programme
order by funding_flows.flow_id;
