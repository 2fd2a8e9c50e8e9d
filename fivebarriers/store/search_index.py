"""The full-text search index, rebuilt inside every write that changes the data.

DuckDB's fts extension (loaded from its pip wheel, like the lake extensions:
nothing is downloaded) tokenises the documents of queries/search_documents.sql,
drops a short list of stop words, stems with Porter and counts document frequencies.
Its own index lives in a `fts_main_*` schema with SQL macros, which a DuckLake
catalog cannot hold (create_fts_index fails there: "unsupported type NULL"), so
the index is made in a private in-memory DuckDB and its tables are copied into
the data's catalog, schema `search`, as plain tables. queries/search_hits.sql
ranks them with BM25, so readers on a file or a lake need no extension, and
the index is always the one of the data it sits beside (same write, same
snapshot). The table of written words is what gives prefix and typo
tolerance: a query word is matched to indexed words exactly, by prefix or
within one or two edits, then to their stems."""

from __future__ import annotations

import duckdb

from fivebarriers import queries
from fivebarriers.store import lake, target

FTS = ("duckdb_extension_fts", "fts")
# Copied from the scratch index into schema `search`, in this order.
_COPIES = (
    ("search_index_documents", "search.documents"),
    ("search_index_terms", "search.terms"),
    ("search_index_words", "search.words"),
    ("search_index_dictionary", "search.dictionary"),
    ("search_index_stopwords", "search.stopwords"),
    ("search_index_stats", "search.stats"),
)


def _scratch_index(documents: object) -> duckdb.DuckDBPyConnection:
    scratch = duckdb.connect(config={**target.READER_SETTINGS, **target.NO_FETCH})
    scratch.execute("load " + target.sql_literal(str(lake.extension_file(*FTS))))
    scratch.register("documents_in", documents)
    scratch.execute("create table documents as select * from documents_in")
    scratch.unregister("documents_in")
    scratch.execute(queries.sql("search_index_stop_list"))
    scratch.execute(queries.sql("search_index_build"))
    return scratch


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild the index from the data on `con` (inside the caller's write
    transaction, after the data is final). Returns the number of documents."""
    documents = con.execute(queries.sql("search_documents")).to_arrow_table()
    scratch = _scratch_index(documents)
    try:
        con.execute(queries.sql("search_index_create"))
        for name, table in _COPIES:
            _copy(con, scratch.execute(queries.sql(name)).to_arrow_table(), table)
    finally:
        scratch.close()
    return documents.num_rows


def _copy(con: duckdb.DuckDBPyConnection, rows: object, table: str) -> None:
    con.from_arrow(rows).insert_into(table)
