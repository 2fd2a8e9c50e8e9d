-- Postings from the scratch fts index: each (stemmed term, document) with
-- how often the term occurs in it, a title word counting as two, and the
-- document's length and kind (search_hits.sql works out BM25 from these).
with
counts as (
    select
        terms.docid,
        terms.termid,
        sum(if(terms.fieldid = 0, 2, 1)) as tf
    from fts_main_documents.terms as terms
    group by terms.docid, terms.termid
)

select
    dict.term,
    docs.name::integer as docid,
    documents.kind_order,
    docs.len::bigint as len,
    counts.tf::integer as tf
from counts
inner join fts_main_documents.docs as docs on counts.docid = docs.docid
inner join fts_main_documents.dict as dict on counts.termid = dict.termid
inner join documents on docs.name = documents.docid;
