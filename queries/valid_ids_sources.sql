-- Source ids an analyst's file may cite (Add data page), with title and publisher.
with
sources_named as (
    select
        sources.source_id,
        sources.title,
        sources.publisher,
        sources.published_date,
    from sources
),

final as (
    select * from sources_named
)

select * from final
order by source_id;
