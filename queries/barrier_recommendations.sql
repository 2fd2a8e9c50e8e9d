-- The PfPP recommendations under one barrier, with how many the guidance
-- makes in all (the heading says '3 of its 12'). $barrier: a barrier_id.
with
final as (
    select
        recommendations.recommendation_id,
        recommendations.number,
        recommendations.letter,
        recommendations.text,
        sources.title as source_title,
        recommendations.locator,
        (select count(*) from recommendations) as all_recommendations
    from recommendations
    inner join sources on recommendations.source_id = sources.source_id
    where recommendations.barrier_id = $barrier
)

select * from final
order by final.number;
