"""Connections and results. One class owns the connection; pages and
commands ask it for named queries and get a small Results object back.

Readers open the data read-only through fivebarriers.store.backend (a file, or a
DuckLake). Writers never touch a live file: they write a copy and os.replace
it (backend.write_transaction), so a dashboard's read-only connection never
blocks a load. `version` changes when the file is replaced, which is how
long-lived readers know to reopen; `data_version()` changes with every write
(file or lake snapshot) and keys the query caches."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from fivebarriers import queries
from fivebarriers.store import backend, version

READER_SETTINGS = backend.READER_SETTINGS


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
    return backend.file_version(path)


class Database:
    """A read-only handle on the data (a file or a lake), shared by threads through cursors."""

    def __init__(self, target: backend.Target | Path | str | None = None):
        self.target = backend.resolve(target)
        self._con = backend.connect_reader(self.target)
        outdated = version.problem(self._con, backend.label(self.target))
        if outdated:
            self._con.close()
            raise version.OutdatedDatabase(outdated)
        self._lock = threading.Lock()
        self.version = backend.handle_key(self.target)
        self._poll = backend.VersionPoll(self.target, self._con, backend.data_version(self.target, self._con))

    @property
    def path(self) -> Path:
        """The database file (a lake has none: use `label` and `last_change`)."""
        return self.target.path

    @property
    def label(self) -> str:
        """A short name to show: the file name, or the lake's database name."""
        return backend.label(self.target)

    def data_version(self) -> object:
        """Cache key for query results: changes when the data may have changed."""
        return self._poll()

    def last_change(self) -> dt.datetime:
        """When the data last changed (UTC, naive)."""
        return backend.last_change(self.target, self._con)

    def modified(self) -> float:
        """When the data last changed, as seconds since the epoch (like st_mtime)."""
        return self.last_change().replace(tzinfo=dt.UTC).timestamp()

    def close(self) -> None:
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        # A DuckDB connection is not thread-safe; each query gets its own cursor.
        with self._lock:
            return backend.cursor(self._con, self.target)

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
