"""The full-text search index, kept up to date inside every write that changes the data.

DuckDB's fts extension (loaded from its pip wheel, like the lake extensions:
nothing is downloaded) tokenises documents, drops a short list of stop
words, stems with Porter and counts each term in each document. Its own
index lives in a `fts_main_*` schema with SQL macros, which a DuckLake catalog
cannot hold (create_fts_index fails there: "unsupported type NULL"), so
documents are tokenised in a private in-memory DuckDB and the counts are
kept in the data's catalog, schema `search`, as plain tables.
queries/search_hits.sql works out BM25 from them at query time, so readers on
a file or a lake need no extension, and the index is always the one of the
data it sits beside (same write, same snapshot).

A write re-reads the documents of the small tables (search_documents.sql;
not when it changed outputs alone) and the results of the pilots it touched
(search_result_documents.sql), compares them with the index and tokenises
only what changed: a load of 100 outputs into 10M touches a handful of
documents instead of re-indexing 54,000.
`rebuild` is the same step from an empty index. The table of written words
is what gives prefix and typo tolerance: a query word is matched to indexed
words exactly, by prefix or within one or two edits, then to their stems."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from fivebarriers import queries
from fivebarriers.store import lake, target

FTS = ("duckdb_extension_fts", "fts")


@dataclass(frozen=True)
class Change:
    documents: int  # in the index after the change
    removed: int
    added: int


@contextmanager
def _scratch() -> Iterator[duckdb.DuckDBPyConnection]:
    scratch = duckdb.connect(config={**target.READER_SETTINGS, **target.NO_FETCH})
    try:
        scratch.execute("load " + target.sql_literal(str(lake.extension_file(*FTS))))
        scratch.execute(queries.sql("search_index_stop_list"))
        scratch.execute(queries.sql("search_index_tokens"))
        yield scratch
    finally:
        scratch.close()


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Make the index again from the data on `con` (inside the caller's write
    transaction, after the data is final). Returns the number of documents."""
    con.execute(queries.sql("search_index_create"))
    with _scratch() as scratch:
        con.from_arrow(scratch.execute(queries.sql("search_index_stopwords")).to_arrow_table()).insert_into(
            "search.stopwords"
        )
    every_pilot = [row[0] for row in con.execute(queries.sql("search_pilot_ids")).fetchall()]
    return refresh(con, every_pilot).documents


def refresh(con: duckdb.DuckDBPyConnection, pilots: Sequence[str], *, small_tables: bool = True) -> Change:
    """Bring the index up to date after a write that may have changed any
    small table and the results of `pilots` (inside the caller's write
    transaction, after the data is final). `small_tables=False`: the write
    changed outputs only, so only the results of `pilots` are compared (no
    other document is made from outputs)."""
    pilots = list(pilots)
    con.execute(queries.sql("search_index_tokens"))
    con.execute(queries.sql("search_new_create"))
    try:
        if small_tables:
            con.sql(queries.sql("search_documents")).insert_into("temp.search_new")
        results = con.sql(queries.sql("search_result_documents"), params={"pilots": pilots})
        results.insert_into("temp.search_new")
        con.execute(queries.sql("search_index_changes"), {"pilots": pilots, "small_tables": small_tables})
    finally:
        queries.tidy_up(con, "search_new_drop")
    removed, _ = con.execute(queries.sql("search_index_change_counts")).fetchone()
    added = con.execute(queries.sql("search_index_added")).to_arrow_table()
    if removed:
        con.execute(queries.sql("search_index_remove"))
    if added.num_rows:
        _add(con, added)
    if removed or added.num_rows:
        con.execute(queries.sql("search_index_tidy"))
    total = con.execute(queries.sql("search_index_size")).fetchone()[0]
    return Change(documents=total, removed=removed, added=added.num_rows)


def _add(con: duckdb.DuckDBPyConnection, added: pa.Table) -> None:
    with _scratch() as scratch:
        scratch.register("documents_in", added)
        scratch.execute("create table documents as select * from documents_in")
        scratch.unregister("documents_in")
        scratch.execute(queries.sql("search_index_build"))
        tokenised = {
            "added_documents": scratch.execute(queries.sql("search_index_documents")).to_arrow_table(),
            "added_postings": scratch.execute(queries.sql("search_index_terms")).to_arrow_table(),
            "added_words": scratch.execute(queries.sql("search_index_words")).to_arrow_table(),
        }
    for name, rows in tokenised.items():
        con.register(name, rows)
    try:
        con.execute(queries.sql("search_index_add"))
    finally:
        for name in tokenised:
            con.unregister(name)
