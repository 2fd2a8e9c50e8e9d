-- The new documents found by search_index_changes.sql, to be tokenised.
select
    search_changes.docid,
    search_changes.kind,
    search_changes.kind_order,
    search_changes.entity_id,
    search_changes.label,
    search_changes.title,
    search_changes.body,
    search_changes.detail
from search_changes
where search_changes.old_docid is null
order by search_changes.docid;
