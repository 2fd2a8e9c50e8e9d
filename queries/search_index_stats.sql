-- Document count and average length in tokens, for BM25.
select stats.num_docs, stats.avgdl from fts_main_documents.stats as stats;
