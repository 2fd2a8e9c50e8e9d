"""A file loaded before true/false was stored by position, read again and
compared with what is stored (`fivebarriers check --file PATH`).

Loads keep only a file's name and sha256, not the file: the analyst who
still has it gives it here. It is matched to its load by content, read by
this version's reader, and each true/false cell is compared with the row
stored under the same key; every row that differs is named."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from fivebarriers import queries
from fivebarriers.data import readers, tables, validate


@dataclass(frozen=True)
class Difference:
    row: int  # as the spreadsheet numbers it
    key: str
    column: str
    typed: bool | None
    stored: bool | None


@dataclass
class Comparison:
    file_name: str
    batch_id: str | None = None
    problem: str = ""
    compared: int = 0
    differences: list[Difference] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.problem:
            return [f"{self.file_name}: {self.problem}"]
        where = f"{self.file_name} (batch {self.batch_id})"
        if not self.differences:
            return [f"{where}: every true/false of its {self.compared:,} rows is stored as typed"]
        n = len(self.differences)
        head = f"{where}: {n} value{'s' if n != 1 else ''} stored differently from the file"
        return [head] + [
            f"  row {d.row} ({d.key}): {d.column} typed {_word(d.typed)}, stored {_word(d.stored)}"
            for d in self.differences
        ]


def _word(value: bool | None) -> str:
    return "empty" if value is None else str(value).lower()


def _flag(value: object) -> bool | None:
    return None if value is None or pd.isna(value) else bool(value)


def compare(con: duckdb.DuckDBPyConnection, source: Path) -> Comparison:
    """The file's true/false cells against the rows its load stored."""
    sheet = readers.read(source)
    result = Comparison(sheet.file_name)
    if not sheet.header:
        result.problem = "; ".join(p.message for p in sheet.problems) or "the file has no header row"
        return result
    found = con.execute(queries.sql("ingest_batch_by_sha"), {"sha256": sheet.sha256}).fetchone()
    if found is None:
        result.problem = (
            "no load in place has this file's content (it was undone, or the file has changed since)"
        )
        return result
    result.batch_id, table = found[0], found[1]
    key = list(tables.PRIMARY_KEYS[table])
    flags = [c.name for c in tables.column_specs()[table] if c.type == "BOOLEAN" and c.name in sheet.header]
    if not flags or not set(key) <= set(sheet.header):
        result.problem = f"the file has no true/false column of {table}: nothing to compare"
        return result
    typed = validate.convert(table, sheet.frame[key + flags]).frame
    rows = (
        con.table(table)
        .filter(duckdb.ColumnExpression("batch_id") == duckdb.ConstantExpression(result.batch_id))
        .select(*(duckdb.ColumnExpression(c) for c in key + flags))
        .fetchall()
    )
    stored = {tuple(r[: len(key)]): r[len(key) :] for r in rows}
    for number, row in typed.iterrows():
        k = tuple(row[c] for c in key)
        if k not in stored:
            continue
        result.compared += 1
        for column, value in zip(flags, stored[k], strict=True):
            if _flag(row[column]) != _flag(value):
                label = "/".join(str(part) for part in k)
                result.differences.append(
                    Difference(int(number), label, column, _flag(row[column]), _flag(value))
                )
    return result
