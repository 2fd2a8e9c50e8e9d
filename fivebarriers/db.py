"""Connections and results. One class owns the connection; pages and
commands ask it for named queries and get a small Results object back.

Readers open the file read-only. Writers never touch the live file: they
write a copy and os.replace it (see build and ingest), so a dashboard's
read-only connection never blocks a load. `version` changes when the file is
replaced, which is how long-lived readers know to reopen."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from fivebarriers import queries
from fivebarriers.config import db_path

# Two cores here and in CI: leave one for Streamlit's own work. The memory cap
# keeps a 10M-row database well inside the app's 1.5 GiB budget.
READER_SETTINGS = {"threads": 2, "memory_limit": "1GB"}


@dataclass(frozen=True)
class Results:
    columns: list[str]
    rows: list[tuple]

    def first(self) -> tuple | None:
        return self.rows[0] if self.rows else None

    def single_value(self) -> Any:
        row = self.first()
        return row[0] if row else None

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def df(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.rows, columns=self.columns)

    def __len__(self) -> int:
        return len(self.rows)


def file_version(path: Path) -> tuple[int, int, int]:
    """Changes whenever the database file is rebuilt or replaced by a load."""
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Database:
    """A read-only handle on one database file, shared by threads through cursors."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else db_path()
        self.version = file_version(self.path)
        self._con = duckdb.connect(str(self.path), read_only=True, config=READER_SETTINGS)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        # A DuckDB connection is not thread-safe; each query gets its own cursor.
        with self._lock:
            return self._con.cursor()

    def execute(self, sql_text: str, params: dict[str, Any] | None = None) -> Results:
        cur = self.cursor()
        try:
            rel = cur.execute(sql_text, params or {})
            columns = [d[0] for d in rel.description]
            return Results(columns, rel.fetchall())
        finally:
            cur.close()

    def query(self, name: str, **params: Any) -> Results:
        """Run queries/NAME.sql with DuckDB named parameters ($name)."""
        return self.execute(queries.sql(name), params)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
