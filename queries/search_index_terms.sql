-- Postings from the fts index: how often each term is in each field of each document.
select
    docs.name::integer as docid,
    terms.fieldid::integer as fieldid,
    terms.termid,
    count(*)::bigint as tf
from fts_main_documents.terms as terms
inner join fts_main_documents.docs as docs on terms.docid = docs.docid
group by all
order by terms.termid, docid;
