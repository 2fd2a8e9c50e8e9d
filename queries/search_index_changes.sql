-- What a write changed, as pairs of the index's documents and the data's
-- (search_new: search_documents.sql, unless $small_tables is false, plus
-- search_result_documents.sql for $pilots). Results of other pilots cannot
-- have changed and are not compared; nor can the small tables' documents when
-- the write changed outputs only ($small_tables false).
-- A row with old_docid and no kind: a document whose text is gone. A row
-- with a kind and no old_docid: a new document, with the docid it will get.
-- Identical documents are paired copy by copy.
create or replace temp table search_changes as
with
old as (
    select
        documents.docid,
        documents.kind,
        documents.entity_id,
        documents.label,
        documents.title,
        documents.body,
        documents.detail,
        row_number() over (
            partition by documents.kind, documents.entity_id, documents.label, documents.title,
                documents.body, documents.detail
            order by documents.docid
        ) as copy
    from search.documents as documents
    where (documents.kind <> 'result' and $small_tables)
        or (documents.kind = 'result' and documents.entity_id in (select unnest($pilots::varchar[])))
),

new as (
    select
        search_new.*,
        row_number() over (
            partition by search_new.kind, search_new.entity_id, search_new.label, search_new.title,
                search_new.body, search_new.detail
        ) as copy
    from search_new
),

paired as (
    select old.docid as old_docid, new.* exclude (copy)
    from old
    full outer join new
        on old.kind = new.kind
        and old.entity_id = new.entity_id
        and old.label = new.label
        and old.title = new.title
        and old.body is not distinct from new.body
        and old.detail is not distinct from new.detail
        and old.copy = new.copy
    where old.docid is null or new.kind is null
)

select
    paired.old_docid,
    if(
        paired.old_docid is null,
        (select coalesce(max(documents.docid), 0) from search.documents as documents)
        + row_number() over (
            partition by paired.old_docid is null
            order by paired.kind_order, paired.entity_id, paired.title, paired.body
        ),
        null
    )::integer as docid,
    paired.* exclude (old_docid)
from paired;
