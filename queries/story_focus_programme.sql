-- The programme the "in numbers" slide describes when no programme is chosen:
-- the one the barrier evidence mostly comes from (PfPP in the curated data).
with
evidence_per_programme as (
    select
        barrier_evidence.programme_id,
        count(*) as evidence_count
    from barrier_evidence
    where barrier_evidence.programme_id is not null
    group by barrier_evidence.programme_id
),

final as (
    select
        programmes.programme_id,
        programmes.name,
        programmes.short_name,
        programmes.period_note,
        programmes.funder,
        programmes.summary,
        sources.title as source_title,
        programmes.locator,
        coalesce(evidence_per_programme.evidence_count, 0) as evidence_count
    from programmes
    inner join sources on programmes.source_id = sources.source_id
    left join evidence_per_programme on programmes.programme_id = evidence_per_programme.programme_id
    where $programme is null or programmes.programme_id = $programme
)

select * from final
order by final.evidence_count desc, final.programme_id
limit 1;
