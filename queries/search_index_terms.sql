-- Postings from the fts index, each with its BM25 weight worked out once
-- here rather than on every query: k1 = 1.2, b = 0.75, Lucene's idf (never
-- negative), a title word counting as two, and names (pilots, places,
-- departments, programmes, barriers) weighing 1.5 times the text that
-- mentions them. Each posting carries its document's kind, so a query ranks
-- without reading the documents. Sorted by term, so a query reads
-- only the row groups of the terms it asks for.
with
counts as (
    select
        terms.docid,
        terms.termid,
        sum(if(terms.fieldid = 0, 2, 1)) as tf
    from fts_main_documents.terms as terms
    group by terms.docid, terms.termid
),

final as (
    select
        counts.termid,
        docs.name::integer as docid,
        documents.kind_order,
        (
            ln(1 + (stats.num_docs - dict.df + 0.5) / (dict.df + 0.5))
            * counts.tf * 2.2
            / (counts.tf + 1.2 * (0.25 + 0.75 * docs.len / stats.avgdl))
            * if(documents.kind in ('pilot', 'place', 'department', 'programme', 'barrier'), 1.5, 1.0)
        )::double as score
    from counts
    inner join fts_main_documents.docs as docs on counts.docid = docs.docid
    inner join fts_main_documents.dict as dict on counts.termid = dict.termid
    inner join documents on docs.name = documents.docid
    cross join fts_main_documents.stats as stats
)

select * from final
order by final.termid, final.docid;
