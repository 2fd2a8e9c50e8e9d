-- Take out the documents search_index_changes.sql found gone: their postings,
-- and their share of each term's and each written word's document count.
create or replace temp table search_gone as
select search_changes.old_docid as docid from search_changes where search_changes.old_docid is not null;

update search.dictionary as dictionary
set df = dictionary.df - gone.docs
from (
    select terms.termid, count(*) as docs
    from search.terms as terms
    where terms.docid in (select search_gone.docid from search_gone)
    group by terms.termid
) as gone
where dictionary.termid = gone.termid;

update search.words as words
set df = words.df - gone.docs
from (
    select written.word, count(*) as docs
    from (
        select unnest(search_words(documents.title || ' ' || coalesce(documents.body, ''))) as word
        from search.documents as documents
        where documents.docid in (select search_gone.docid from search_gone)
    ) as written
    group by written.word
) as gone
where words.word = gone.word;

delete from search.terms where docid in (select search_gone.docid from search_gone);

delete from search.documents where docid in (select search_gone.docid from search_gone);
