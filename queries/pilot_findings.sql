-- What the sources found about the barriers in this pilot. $pilot: a pilot_id.
select
    barrier_evidence.evidence_id,
    barriers.barrier_id,
    barriers.name as barrier_name,
    barrier_evidence.finding,
    barrier_evidence.value,
    barrier_evidence.value_qualifier,
    barrier_evidence.value_unit,
    barrier_evidence.denominator,
    barrier_evidence.source_id,
    sources.title as source_title,
    barrier_evidence.locator
from barrier_evidence
inner join barriers on barrier_evidence.barrier_id = barriers.barrier_id
inner join sources on barrier_evidence.source_id = sources.source_id
where barrier_evidence.pilot_id = $pilot
order by barriers.display_order, barrier_evidence.evidence_id;
