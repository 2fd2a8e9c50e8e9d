-- The five barriers with how much the database says about each, and how many
-- of those links are the team's reading rather than the source's (audit I5).
with
evidence as (
    select
        barrier_id,
        count(*) as evidence_count,
        count(*) filter (where basis = 'our reading') as evidence_our_reading
    from barrier_evidence group by barrier_id
),
addressed as (
    select
        barrier_id,
        count(distinct pilot_id) as pilots_addressing,
        count(distinct pilot_id) filter (where basis = 'our reading') as pilots_our_reading
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
        coalesce(evidence.evidence_our_reading, 0) as evidence_our_reading,
        coalesce(addressed.pilots_addressing, 0) as pilots_addressing,
        coalesce(addressed.pilots_our_reading, 0) as pilots_our_reading,
        coalesce(recs.recommendation_count, 0) as recommendation_count,
        barriers.locator
    from barriers
    left join evidence on barriers.barrier_id = evidence.barrier_id
    left join addressed on barriers.barrier_id = addressed.barrier_id
    left join recs on barriers.barrier_id = recs.barrier_id
)

select * from final
order by final.number;
