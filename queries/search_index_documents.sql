-- Documents with their length in tokens (BM25 normalises by it).
select
    documents.docid,
    documents.kind,
    documents.kind_order,
    documents.entity_id,
    documents.label,
    documents.title,
    documents.body,
    documents.detail,
    coalesce(docs.len, 0)::bigint as len
from documents
left join fts_main_documents.docs as docs on documents.docid = docs.name;
