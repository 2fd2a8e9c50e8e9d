-- The recommendations for one barrier, in the guidance's order. $barrier: barrier_id.
select
    recommendations.recommendation_id,
    recommendations.number,
    recommendations.letter,
    recommendations.text,
    sources.title as source_title,
    recommendations.locator
from recommendations
inner join sources on recommendations.source_id = sources.source_id
where recommendations.barrier_id = $barrier
order by recommendations.number, recommendations.letter;
