-- Findings about one barrier: figures (6 of 13 places) and qualitative statements.
-- $barrier: a barrier_id. $place (or NULL): only findings about that place or a
-- place within it (Liverpool includes Croxteth), the place being the finding's
-- own or, when it names none, its pilot's. $programme (or NULL): only findings
-- about that programme or one of its pilots.
with
evidence as (
    select barrier_evidence.*
    from barrier_evidence
    left join pilots as pilot on barrier_evidence.pilot_id = pilot.pilot_id
    left join place_lineage_summary as lineage
        on coalesce(barrier_evidence.place_id, pilot.place_id) = lineage.place_id
    where barrier_evidence.barrier_id = $barrier
        and ($place is null or list_contains(lineage.ancestor_ids, $place))
        and ($programme is null or $programme in (barrier_evidence.programme_id, pilot.programme_id))
),

final as (
    select
        evidence.evidence_id,
        evidence.finding,
        evidence.value,
        evidence.value_qualifier,
        evidence.value_unit,
        evidence.denominator,
        evidence.place_id,
        places.name as place_name,
        evidence.programme_id,
        programmes.short_name as programme_name,
        evidence.pilot_id,
        pilots.name as pilot_name,
        sources.source_id,
        sources.title as source_title,
        evidence.locator,
        evidence.basis,
        evidence.disputed_note,
        evidence.value is not null as is_quantitative
    from evidence
    inner join sources on evidence.source_id = sources.source_id
    left join places on evidence.place_id = places.place_id
    left join programmes on evidence.programme_id = programmes.programme_id
    left join pilots on evidence.pilot_id = pilots.pilot_id
)

select * from final
order by final.is_quantitative desc, final.denominator is null, final.evidence_id;
