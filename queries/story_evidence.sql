-- Findings about one barrier, figures first, then in the order the curators
-- wrote them (rowid follows data/barrier_evidence.csv), so a finding that
-- refers back to the one before ("Those teams…") comes after it.
-- $barrier: barrier_id. $programme: programme_id or null. $place: place_id or
-- null; with a place, only findings about that place or a place within it.
with
evidence_in_scope as (
    select
        barrier_evidence.rowid as curated_order,
        barrier_evidence.*
    from barrier_evidence
    left join place_lineage on barrier_evidence.place_id = place_lineage.place_id
    where
        barrier_evidence.barrier_id = $barrier
        and ($programme is null or barrier_evidence.programme_id = $programme)
        and ($place is null or list_contains(place_lineage.ancestor_ids, $place))
),

final as (
    select
        evidence_in_scope.evidence_id,
        evidence_in_scope.finding,
        evidence_in_scope.value,
        evidence_in_scope.value_qualifier,
        evidence_in_scope.value_unit,
        evidence_in_scope.denominator,
        evidence_in_scope.pilot_id,
        evidence_in_scope.place_id,
        sources.title as source_title,
        evidence_in_scope.locator,
        evidence_in_scope.curated_order
    from evidence_in_scope
    inner join sources on evidence_in_scope.source_id = sources.source_id
)

select * from final
order by final.value is null, final.denominator is null, final.curated_order, final.evidence_id;
