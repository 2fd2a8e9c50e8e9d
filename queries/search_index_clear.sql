-- Empty the index before it is written again (inside the same write).
delete from search.documents;
delete from search.terms;
delete from search.dictionary;
delete from search.words;
delete from search.stopwords;
delete from search.stats;
