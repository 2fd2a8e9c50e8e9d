-- What the sources found about the barriers in one pilot ($pilot) or in one
-- programme and its pilots ($programme); the other parameter is null.
select
    barrier_evidence.evidence_id,
    barriers.barrier_id,
    barriers.name as barrier_name,
    barrier_evidence.finding,
    barrier_evidence.value,
    barrier_evidence.value_qualifier,
    barrier_evidence.value_unit,
    barrier_evidence.denominator,
    barrier_evidence.place_id,
    places.name as place_name,
    barrier_evidence.source_id,
    sources.title as source_title,
    barrier_evidence.locator
from barrier_evidence
inner join barriers on barrier_evidence.barrier_id = barriers.barrier_id
inner join sources on barrier_evidence.source_id = sources.source_id
left join places on barrier_evidence.place_id = places.place_id
left join pilots on barrier_evidence.pilot_id = pilots.pilot_id
where barrier_evidence.pilot_id = $pilot
    or barrier_evidence.programme_id = $programme
    or pilots.programme_id = $programme
order by barriers.display_order, barrier_evidence.evidence_id;
