-- Findings about barriers reported in a place or anywhere within it.
-- $place: a place_id.
with
within as (
    select place_lineage_summary.place_id
    from place_lineage_summary
    where list_contains(place_lineage_summary.ancestor_ids, $place)
),

final as (
    select
        barriers.barrier_id,
        barriers.name as barrier_name,
        barrier_evidence.finding,
        barrier_evidence.value,
        barrier_evidence.value_qualifier,
        barrier_evidence.value_unit,
        barrier_evidence.denominator,
        barrier_evidence.place_id,
        places.name as place_name,
        sources.source_id,
        sources.title as source_title,
        barrier_evidence.locator,
        barrier_evidence.basis,
        barrier_evidence.disputed_note
    from barrier_evidence
    inner join barriers on barrier_evidence.barrier_id = barriers.barrier_id
    inner join places on barrier_evidence.place_id = places.place_id
    inner join sources on barrier_evidence.source_id = sources.source_id
    where barrier_evidence.place_id in (select within.place_id from within)
)

select * from final
order by final.barrier_id, final.place_name, final.finding;
