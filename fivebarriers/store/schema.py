"""The DDL, read from schema.sql and views.sql beside this module."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from fivebarriers import queries

HERE = Path(__file__).resolve().parent

# Parents before children, so inserts satisfy foreign keys.
TABLE_ORDER: tuple[str, ...] = (
    "sources",
    "source_sections",
    "barriers",
    "recommendations",
    "departments",
    "places",
    "programmes",
    "programme_places",
    "pilots",
    "pilot_barriers",
    "pilot_departments",
    "outputs",
    "barrier_evidence",
    "funding_flows",
    "context_figures",
    "workshop_answers",
    "ingest_batches",
    "build_info",
)

# Tables only ever loaded (a workshop's answers): no curated file in data/.
LOADED_ONLY: tuple[str, ...] = ("workshop_answers",)

# Tables filled from data/*.csv (ingest_batches and build_info are written by code).
CURATED_TABLES: tuple[str, ...] = tuple(t for t in TABLE_ORDER[:-2] if t not in LOADED_ONLY)


def ddl(constraints: bool = True) -> str:
    """The CREATE TABLE statements. Without `constraints`, every key, foreign
    key and CHECK tagged `-- constraint` is dropped: DuckLake enforces none of
    them, and tests use this to show that `check` still catches what they
    would have stopped."""
    text = (HERE / "schema.sql").read_text(encoding="utf-8")
    if constraints:
        return text
    kept = []
    for line in text.splitlines():
        if "-- constraint" in line:
            code = line.split("--")[0]
            if re.match(r"\s*(check|primary key|foreign key)\b", code):
                continue
            line = re.sub(r"\s+references \w+ \(\w+\)", "", code).replace(" primary key", "")
        kept.append(line)
    return "\n".join(kept)


def views() -> str:
    return (HERE / "views.sql").read_text(encoding="utf-8")


def create_all(
    con: duckdb.DuckDBPyConnection, constraints: bool = True, view_column_comments: bool = True
) -> None:
    """Create every table and view in an empty database. Without
    `view_column_comments` the descriptions of view columns are left out
    (DuckLake cannot hold them; backend.create_schema decides)."""
    con.execute(ddl(constraints))
    con.execute(views())
    con.execute(comments(view_column_comments))  # data dictionary


_VIEW_NAME = re.compile(r"^create or replace view (\w+)", re.MULTILINE)


def view_names() -> list[str]:
    """Every view of views.sql, in creation order."""
    return _VIEW_NAME.findall(views())


def comments(view_columns: bool = True) -> str:
    """comments.sql, optionally without its `comment on column <view>.x` lines
    (every statement there is one line)."""
    text = (HERE / "comments.sql").read_text(encoding="utf-8")
    if view_columns:
        return text
    skipped = tuple(f"comment on column {name}." for name in view_names())
    return "\n".join(line for line in text.splitlines() if not line.lower().startswith(skipped))


def table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every table's (and view's) column names, in order, from one query:
    asking information_schema costs 10-20 ms a time, so loops ask once."""
    found: dict[str, list[str]] = {}
    for table, column in con.execute(queries.sql("table_columns")).fetchall():
        found.setdefault(table, []).append(column)
    return found


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of a table, in table order."""
    return table_columns(con).get(table, [])


def batch_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables analysts load into (they have a batch_id), parents first."""
    found = table_columns(con)
    return [t for t in TABLE_ORDER if t != "ingest_batches" and "batch_id" in found.get(t, [])]
