-- How many documents a write took out of the search index and put in (search_index_changes.sql).
select count(search_changes.old_docid) as removed, count(*) - count(search_changes.old_docid) as added
from search_changes;
