"""Analysts' loads carried across a rebuild, and every row across an upgrade.

`build` on a database that holds loads reads them first (read_loads): the
rows of every batch still loaded, per table, and the whole load history.
With --keep-loads it re-applies them in the order they were loaded, under
their own batch ids, after the curated base (reapply); with --discard-loads
it writes each batch to a CSV beside the database first (write_csvs), in
the column order of its template, so it can be loaded again as it is.

`upgrade` copies every table of an older file by column name (copy_tables):
columns the older schema lacked stay empty, tables it lacked stay empty and
the summaries are rebuilt afterwards."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from fivebarriers import queries
from fivebarriers.data import tables
from fivebarriers.store import schema

_C = duckdb.ColumnExpression
_K = duckdb.ConstantExpression


@dataclass
class Loads:
    """What the analysts loaded: batches still loaded (oldest first), their
    rows per table, and the whole history (undone batches too)."""

    batches: list[tuple[str, str, int]] = field(default_factory=list)  # batch_id, table, rows
    rows: dict[str, pa.Table] = field(default_factory=dict)  # table -> rows of every loaded batch
    history: pa.Table | None = None

    @property
    def count(self) -> int:
        return len(self.batches)

    @property
    def row_count(self) -> int:
        return sum(n for _, _, n in self.batches)

    def describe(self) -> str:
        return f"{self.count} load(s) by analysts ({self.row_count:,} rows)"


def read_loads(con: duckdb.DuckDBPyConnection) -> Loads:
    """Every load in the database `con` reads (file or lake)."""
    loads = Loads()
    loads.batches = [tuple(row) for row in con.execute(queries.sql("loads_in_order")).fetchall()]
    if not loads.batches:
        return loads
    for table in schema.batch_tables(con):
        found = con.table(table).filter(_C("batch_id").isnotnull()).to_arrow_table()
        if found.num_rows:
            loads.rows[table] = found
    loads.history = con.table("ingest_batches").to_arrow_table()
    return loads


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Insert `rows` into `table` by column name; columns it lacks stay empty."""
    have = set(rows.column_names)
    picked = [_C(c) if c in have else _K(None).alias(c) for c in schema.columns(con, table)]
    con.from_arrow(rows).select(*picked).insert_into(table)


def reapply(con: duckdb.DuckDBPyConnection, loads: Loads) -> None:
    """Inside a build's write, after the curated base: every load again, in
    the order it was loaded (parents before children within a batch), and the
    load history as it was."""
    for batch_id, _table, _ in loads.batches:
        for table in schema.TABLE_ORDER:
            rows = loads.rows.get(table)
            if rows is None:
                continue
            mine = rows.filter(pc.equal(rows["batch_id"], batch_id))
            if mine.num_rows:
                _insert(con, table, mine)
    if loads.history is not None:
        _insert(con, "ingest_batches", loads.history)


def write_csvs(con: duckdb.DuckDBPyConnection, loads: Loads, folder: Path) -> list[Path]:
    """One CSV per loaded batch in `folder`, columns as in its table's template."""
    folder.mkdir(parents=True, exist_ok=False)
    written = []
    for batch_id, label, _ in loads.batches:
        for table in tables.batch_table_names(label):  # a workbook's batch: one CSV per sheet
            rows = loads.rows.get(table)
            if rows is None:
                continue
            mine = rows.filter(pc.equal(rows["batch_id"], batch_id))
            wanted = tables.user_columns(table) if table in tables.INGESTABLE else rows.column_names
            picked = [_C(c) for c in wanted if c in mine.column_names]
            safe = re.sub(r"[^A-Za-z0-9_-]", "_", batch_id)
            path = folder / f"{safe}-{table}.csv"
            con.from_arrow(mine).select(*picked).write_csv(str(path))
            written.append(path)
    return written


def discard_folder(db_label: Path) -> Path:
    """Where --discard-loads writes the loads of `db_label`: beside it, named for now."""
    return db_label.with_name(f"{db_label.name}.discarded-loads-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}")


def copy_tables(con: duckdb.DuckDBPyConnection, alias: str) -> dict[str, int]:
    """Inside an upgrade's write: every table of the attached older file
    `alias`, by column name, except the derived summaries and build_info."""
    old_tables = {
        row[0]
        for row in con.execute(
            queries.sql("migrate_columns"), {"catalog": alias, "tables": list(schema.TABLE_ORDER)}
        ).fetchall()
    }
    copied = {}
    for table in schema.TABLE_ORDER:
        if table == "build_info" or table not in old_tables:
            continue
        rows = con.table(f"{alias}.{table}")
        have = set(rows.columns)
        picked = [_C(c) if c in have else _K(None).alias(c) for c in schema.columns(con, table)]
        rows.select(*picked).insert_into(table)
        copied[table] = con.table(table).count("*").fetchone()[0]
    return copied
