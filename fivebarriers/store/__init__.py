"""Where the data lives: the DuckDB file or DuckLake backends, read connections,
the write lock, the schema DDL and the summary tables kept beside the facts."""
