-- Every curated locator names sections that exist: each part of a locator
-- ("A; B") must be a heading in the source's table of contents
-- (source_sections). An analyst's load may cite a page or paragraph the
-- contents do not list, so its rows are not held to the headings.
-- Reference sets and synthetic sources have no contents and are not
-- checked; a source document with a seed file must have its contents listed,
-- once the database holds any contents at all. A file upgraded from a release
-- before tables of contents holds none (its curated locators predate them),
-- so it is not judged against today's headings.
with
documents as (
    select distinct source_sections.source_id from source_sections
),

provenance as (
    select * from fact_provenance
    where fact_provenance.curated and fact_provenance.source_id in (select documents.source_id from documents)
),

parts as (
    select provenance.table_name, provenance.row_key, provenance.source_id,
        trim(unnest(string_split(provenance.locator, ';'))) as section
    from provenance
    where provenance.source_id in (select documents.source_id from documents)
),

final as (
    select parts.table_name, parts.row_key, 'locator not in the table of contents' as rule,
        'section ''' || parts.section || ''' is not a heading of ' || parts.source_id
        || ' (see data/source_sections.csv)' as problem
    from parts
    left join source_sections
        on parts.source_id = source_sections.source_id and parts.section = source_sections.section
    where source_sections.section is null
    union all
    select 'sources', sources.source_id, 'source without a table of contents',
        'the document has a seed file but no sections in source_sections: list its headings'
    from sources
    where sources.seed_file is not null and sources.source_id not in (select documents.source_id from documents)
        and exists (select 1 from documents)
)

select * from final
order by table_name, row_key, rule;
