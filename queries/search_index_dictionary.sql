-- The fts index's dictionary: every stemmed term and how many documents hold it.
select dict.termid, dict.term, dict.df from fts_main_documents.dict as dict;
