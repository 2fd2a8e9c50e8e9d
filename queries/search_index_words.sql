-- Every word as written in the scratch documents, the stemmed term it is
-- indexed under and how many of these documents hold it: what a query's
-- words are matched against, exactly, by prefix ("east sus") or within a
-- typo ("Croxeth"). Words whose stem the index left out (stop words) are not kept.
with
written as (
    select unnest(search_words(documents.title || ' ' || coalesce(documents.body, ''))) as word
    from documents
)

select written.word, dict.term, count(*) as docs
from written
inner join fts_main_documents.dict as dict on stem(written.word, 'porter') = dict.term
group by written.word, dict.term;
