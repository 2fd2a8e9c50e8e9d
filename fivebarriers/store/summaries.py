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
`goal_summary` keeps each pilot's 12 results a goal chart would draw first,
and output_summary counts the results that can beat their goal and those
that do: a goal chart and its headline then read 300,000 rows at most, not
the 6M outputs with a goal (1.6-1.7 s at 10M before).

Builders (build, synth, migrate) call refresh(con) inside their write
transaction, after the data is final. A load or an undo changes the outputs
of a few pilots only, so it calls refresh_pilots(con, pilots) instead: the
output_summary and pilot_summary rows of those pilots are derived again (a
filtered scan, not a regroup of 10M rows; pilot_facts reads only those
pilots' links, and each place's lineage from place_lineage_summary), and
place_lineage_summary is rebuilt whole only when places were loaded or
removed (tens of ms at 10M). Rows added by a load sit after the ordered ones
until the next build; every reader filters, none relies on order.
`fivebarriers check` compares all three
with what they derive from (queries/check_summary.sql, check_pilot_summary.sql,
check_place_lineage_summary.sql)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from fivebarriers import queries


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every summary table from the tables it derives from, on `con`
    (a connection inside the caller's write transaction)."""
    for name in (
        "summaries_clear",
        "summaries_places",
        "summaries_pilots",
        "summaries_outputs",
        "summaries_goals",
    ):
        con.execute(queries.sql(name))


def refresh_pilots(con: duckdb.DuckDBPyConnection, pilots: list[str], places: bool = False) -> None:
    """Bring every summary up to date after a write that changed only the
    outputs, links or rows of `pilots` (and rows no pilot refers to yet);
    `places`: it also added or removed places."""
    if places:
        con.execute(queries.sql("summaries_small_clear"))
        con.execute(queries.sql("summaries_places"))
    if not pilots:
        return
    with _pilot_scope(con, pilots):
        for name in ("summaries_pilots_clear_some", "summaries_pilots_some"):
            con.execute(queries.sql(name), {"pilots": pilots})
    for name in (
        "summaries_outputs_clear_pilots",
        "summaries_outputs_pilots",
        "summaries_goals_clear_pilots",
        "summaries_goals_pilots",
    ):
        con.execute(queries.sql(name), {"pilots": pilots})


@contextmanager
def _pilot_scope(con: duckdb.DuckDBPyConnection, pilots: list[str]) -> Iterator[None]:
    """While open, pilot_facts on `con` sees only `pilots` (scope_pilot_links.sql,
    summaries_scope_open.sql)."""
    try:
        queries.run_each(con, "scope_pilot_links", {"pilots": pilots})
        queries.run_each(con, "summaries_scope_open")
        yield
    finally:
        queries.tidy_up(con, "summaries_scope_close")


def batch_pilots(con: duckdb.DuckDBPyConnection, table: str, batch_id: str, columns: list[str]) -> list[str]:
    """The pilots whose summaries a batch of `table` (with these `columns`) touches."""
    if "pilot_id" not in columns:
        return []  # places, sources, programmes …: no pilot refers to a new key yet
    rows = con.execute(queries.sql("batch_pilots"), {"table_name": table, "batch_id": batch_id}).fetchall()
    return [row[0] for row in rows]
