"""Derived summary tables, rebuilt inside every write that changes the data.

The pages' counts and pivots need only pilot-level facts plus an output's
kind, status, goal/no goal and source, so `output_summary` (about 150,000
rows at 10M outputs) answers every one of them exactly, instead of a scan of
all outputs per rerun; `pilot_summary` stores the pilot_facts view (25,000
rows), which costs 30-40 ms to derive at 10M, so filters on place, barrier
or department read a small table; a result list picks the few pilots it
needs from both, and DuckDB then reads only their row groups of outputs.
`place_lineage_summary` stores the recursive place_lineage view (about
15 ms per query to derive), which the Places page asks about five times.

Writers (build, synth, ingest, undo) call refresh(con) inside their write
transaction, after the data is final; `fivebarriers check` compares both
with what they derive from (queries/check_summary.sql, check_pilot_summary.sql,
check_place_lineage_summary.sql)."""

from __future__ import annotations

import duckdb

from fivebarriers import queries


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every summary table from the tables it derives from, on `con`
    (a connection inside the caller's write transaction)."""
    for name in ("summaries_clear", "summaries_places", "summaries_pilots", "summaries_outputs"):
        con.execute(queries.sql(name))
