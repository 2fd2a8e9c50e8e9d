-- Put in the new documents, tokenised by the fts extension in a scratch
-- database (added_documents, added_postings, added_words: see
-- fivebarriers.store.search_index): new terms get the next ids, and every
-- term's and written word's document count goes up by the documents that hold it.
insert into search.documents
select
    added_documents.docid,
    added_documents.kind,
    added_documents.kind_order,
    added_documents.entity_id,
    added_documents.label,
    added_documents.title,
    added_documents.body,
    added_documents.detail,
    added_documents.len
from added_documents;

insert into search.dictionary
select
    (select coalesce(max(dictionary.termid), 0) from search.dictionary as dictionary)
    + row_number() over (order by fresh.term),
    fresh.term,
    0
from (
    select distinct added_postings.term
    from added_postings
    where not exists (
        select 1 from search.dictionary as dictionary where dictionary.term = added_postings.term
    )
) as fresh;

update search.dictionary as dictionary
set df = dictionary.df + added.docs
from (
    select added_postings.term, count(*) as docs
    from added_postings
    group by added_postings.term
) as added
where dictionary.term = added.term;

-- Sorted by term, so a query reads only the row groups of the terms it asks for.
insert into search.terms
select
    dictionary.termid,
    added_postings.docid,
    added_postings.kind_order,
    added_postings.len,
    added_postings.tf
from added_postings
inner join search.dictionary as dictionary on added_postings.term = dictionary.term
order by dictionary.termid, added_postings.docid;

update search.words as words
set df = words.df + added_words.docs
from added_words
where words.word = added_words.word;

insert into search.words
select added_words.word, dictionary.termid, added_words.docs
from added_words
inner join search.dictionary as dictionary on added_words.term = dictionary.term
where not exists (select 1 from search.words as words where words.word = added_words.word);
