-- After a change: forget words and terms no document holds any more, and
-- count the documents and their average length again (BM25 needs both).
delete from search.words where df <= 0;

delete from search.dictionary where df <= 0;

delete from search.stats;

insert into search.stats
select count(*), coalesce(avg(documents.len), 0) from search.documents as documents;
