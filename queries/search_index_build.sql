-- The fts index over the scratch copy of the documents: title and body,
-- our short stop list, Porter stems, letters and digits kept.
pragma create_fts_index(
    'documents', 'docid', 'title', 'body',
    stemmer = 'porter', stopwords = 'stop_list', ignore = '(\\.|[^a-z0-9])+',
    strip_accents = 1, lower = 1, overwrite = 1
);
