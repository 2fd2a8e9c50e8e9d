-- How many documents the search index holds.
select count(*) from search.documents;
