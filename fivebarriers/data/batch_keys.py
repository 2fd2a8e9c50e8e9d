"""What the database says about a file's keys: references to keys neither the
database nor the batch holds, keys the database holds already, and the same
file loaded before. ingest.py asks outside the write (a dry run, a file with
problems of its own) and again inside it, against the data the write changes."""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from fivebarriers import queries
from fivebarriers.data import tables, validate
from fivebarriers.data.validate import Problem

_C = duckdb.ColumnExpression


def key_problems(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, batch: dict[str, pd.DataFrame]
) -> list[Problem]:
    """References to keys neither the database nor the batch holds, and keys
    the database holds already."""
    problems = validate.foreign_keys(table, frame, _known_keys(con, table, batch))
    return problems + validate.existing_keys(table, frame, _clashes(con, table, frame))


def _keys(con: duckdb.DuckDBPyConnection, table: str, column: str) -> set[str]:
    rel = con.table(table).filter(_C(column).isnotnull()).select(_C(column)).distinct()
    return {row[0] for row in rel.fetchall()}


def _known_keys(
    con: duckdb.DuckDBPyConnection, table: str, batch: dict[str, pd.DataFrame]
) -> dict[str, set[str]]:
    """The keys `table`'s references may name: in the database, or loaded in
    the same batch (a place under a new place of the same file; results
    citing a new report on another sheet of the same workbook)."""
    known: dict[str, set[str]] = {}
    for (child, _), (parent, key) in tables.FOREIGN_KEYS.items():
        if child != table or parent in known:
            continue
        known[parent] = _keys(con, parent, key)
        if parent in batch:
            known[parent] |= set(batch[parent][key].dropna())
    return known


def _clashes(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Keys of the file already in the database, with the batch that loaded them."""
    key = list(tables.PRIMARY_KEYS[table])
    incoming = pa.table({f"incoming_{k}": pa.array(frame[k], from_pandas=True) for k in key})
    rel = con.from_arrow(incoming)
    condition = None
    for k in key:
        term = _C(k) == _C(f"incoming_{k}")
        condition = term if condition is None else condition & term
    found = con.table(table).join(rel, condition, how="semi").select(*(_C(k) for k in key), _C("batch_id"))
    return found.df()


def already_loaded(con: duckdb.DuckDBPyConnection, sha256: str) -> str:
    if not sha256:
        return ""
    row = con.execute(queries.sql("ingest_batch_by_sha"), {"sha256": sha256}).fetchone()
    if not row:
        return ""
    batch_id, table, file_name, by, at, count = row
    return (
        f"this file was already loaded as batch {batch_id} ({count:,} rows into {table} from {file_name}, "
        f"by {by} at {at:%Y-%m-%d %H:%M} UTC): nothing to do; undo that batch first to load it again"
    )
