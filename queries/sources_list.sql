-- Every source document and what was taken from it.
with
final as (
    select
        sources.source_id,
        sources.title,
        sources.title_supplied,
        sources.publisher,
        sources.author,
        sources.published_date,
        sources.published_note,
        sources.url,
        sources.licence,
        sources.kind,
        sources.seed_file,
        sources.used_for,
        sources.is_synthetic
    from sources
)

select * from final
order by final.kind = 'reference', final.published_date desc nulls last, final.title;
