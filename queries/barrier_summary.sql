-- The five barriers with how much the database says about each.
with
evidence as (
    select barrier_id, count(*) as evidence_count from barrier_evidence group by barrier_id
),
addressed as (
    select barrier_id, count(distinct pilot_id) as pilots_addressing
    from pilot_barriers where role = 'addressed' group by barrier_id
),
recs as (
    select barrier_id, count(*) as recommendation_count from recommendations group by barrier_id
),

final as (
    select
        barriers.barrier_id,
        barriers.number,
        barriers.name,
        barriers.summary,
        coalesce(evidence.evidence_count, 0) as evidence_count,
        coalesce(addressed.pilots_addressing, 0) as pilots_addressing,
        coalesce(recs.recommendation_count, 0) as recommendation_count,
        barriers.locator
    from barriers
    left join evidence on barriers.barrier_id = evidence.barrier_id
    left join addressed on barriers.barrier_id = addressed.barrier_id
    left join recs on barriers.barrier_id = recs.barrier_id
)

select * from final
order by final.number;
