-- Each source document's table of contents: the sections locators may name.
with
final as (
    select source_sections.source_id, source_sections.section, source_sections.covers
    from source_sections
)

select * from final
order by final.source_id, final.section;
