"""The one module that knows there are two backends.

FIVEBARRIERS_DB names either a DuckDB file (the default, embedded) or a
DuckLake: `ducklake:postgres:<libpq conninfo>`, with FIVEBARRIERS_DATA_PATH
naming where its Parquet files live. Everything else (pages, queries,
commands) talks to a plain DuckDB connection whose default catalog is the
data, and writes through `write_transaction`, so the same SQL runs on both.

File: readers open it read-only; a write builds a copy (or a fresh file) and
os.replace()s it under the advisory lock (fivebarriers.store.filewrite, which
also handles a stale WAL, the file's mode and owner, and backups).

Lake: fivebarriers.store.lake (one snapshot per write, re-run after a lost
race). Extensions are loaded from their pip wheels by path with
autoinstall/autoload off: nothing is ever downloaded at run time. Passwords
never go in FIVEBARRIERS_DB: libpq reads PGPASSWORD / PGPASSFILE / PGSERVICE /
PGHOST / PGPORT / PGUSER / PGDATABASE from the environment, and any password
that does appear is masked in every message this module makes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from fivebarriers import queries
from fivebarriers.store import lake, schema
from fivebarriers.store.filewrite import COPY_SUFFIX, file_write
from fivebarriers.store.lake import DEFAULT_RETRIES, LakeBusy, Snapshot, extension_file
from fivebarriers.store.target import (
    FILE_ALIAS,
    LAKE_ALIAS,
    LAKE_PREFIX,
    NO_FETCH,
    POSTGRES_PREFIX,
    READER_SETTINGS,
    BackendError,
    Target,
    is_lake,
    redact,
    resolve,
    safe_error,
    sql_literal,
)

T = TypeVar("T")

__all__ = [
    "COPY_SUFFIX",
    "LAKE_ALIAS",
    "LAKE_PREFIX",
    "POSTGRES_PREFIX",
    "READER_SETTINGS",
    "BackendError",
    "LakeBusy",
    "Snapshot",
    "Target",
    "extension_file",
    "is_lake",
    "redact",
    "resolve",
]

# A lake snapshot id is polled at most this often per open reader (3 ms each):
# a page with ten queries costs one round trip, and a load shows within it.
VERSION_POLL_SECONDS = 0.25


# --- connections -----------------------------------------------------------------------------


def connect_reader(target: Target | str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection whose default catalog is the data (close it
    when done). Take a cursor per thread with `cursor(con, target)`."""
    target = resolve(target)
    if target.is_lake:
        return lake.engine_cursor(target, read_only=True)
    if not target.path.exists():
        raise BackendError(f"no database at {target.path}: run `fivebarriers build` first")
    # ATTACHed to a private in-memory instance, not duckdb.connect(path): DuckDB
    # keeps one instance per path in a process, so after a load replaced the
    # file, connect(path) would hand back the instance still held by the
    # previous handle, i.e. the file as it was before the load.
    con = duckdb.connect(config={**READER_SETTINGS, **NO_FETCH})
    try:
        con.execute("attach " + sql_literal(str(target.path)) + " as " + FILE_ALIAS + " (read_only)")
        con.execute("use " + FILE_ALIAS)
    except duckdb.Error as exc:
        con.close()
        raise safe_error(exc, f"cannot open {target.path}") from exc
    return con


def cursor(con: duckdb.DuckDBPyConnection, target: Target) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread. A DuckDB cursor starts in the in-memory
    catalog, not the attached data, so it is pointed at the data (1 ms)."""
    cur = con.cursor()
    cur.execute("use " + (LAKE_ALIAS if target.is_lake else FILE_ALIAS))
    return cur


def exists(target: Target | str | os.PathLike[str] | None = None) -> bool:
    """True when there is a database to read (a file, or a created lake catalog)."""
    target = resolve(target)
    if not target.is_lake:
        return target.path.exists()
    try:
        connect_reader(target).close()
    except BackendError:
        return False
    return True


def needs_build(target: Target) -> bool:
    """True when the app should build the data from data/ before opening it:
    a missing file. Never for a lake (only `build`/`migrate` create one; the
    reader then says so)."""
    return not target.is_lake and not target.path.exists()


def file_version(path: Path) -> tuple[int, int, int]:
    """Changes whenever the database file is rebuilt or replaced by a load."""
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def handle_key(target: Target) -> Any:
    """What a long-lived reader is keyed on: a file is reopened when replaced;
    a lake attachment follows new snapshots, so it is never reopened."""
    return None if target.is_lake else file_version(target.path)


def data_version(target: Target, con: duckdb.DuckDBPyConnection) -> Any:
    """Changes whenever the data may have changed: the file's identity, or the
    lake's latest snapshot id (one catalog round trip)."""
    if not target.is_lake:
        return file_version(target.path)
    cur = cursor(con, target)
    try:
        return ("snapshot", cur.execute(queries.sql("lake_version")).fetchone()[0])
    finally:
        cur.close()


class VersionPoll:
    """data_version for a long-lived reader, asked at most every VERSION_POLL_SECONDS on a lake."""

    def __init__(self, target: Target, con: duckdb.DuckDBPyConnection, opened: Any):
        self._target, self._con = target, con
        self._value, self._at = opened, time.monotonic()
        self._lock = threading.Lock()

    def __call__(self) -> Any:
        if not self._target.is_lake:
            return self._value  # a reader of a file sees only the file it opened
        with self._lock:
            if time.monotonic() - self._at >= VERSION_POLL_SECONDS:
                self._value, self._at = data_version(self._target, self._con), time.monotonic()
            return self._value


def last_change(target: Target, con: duckdb.DuckDBPyConnection) -> dt.datetime:
    """When the data last changed (UTC, naive): file mtime or latest snapshot time."""
    if not target.is_lake:
        return dt.datetime.fromtimestamp(target.path.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    cur = cursor(con, target)
    try:
        return cur.execute(queries.sql("lake_last_change")).fetchone()[0]
    finally:
        cur.close()


def label(target: Target) -> str:
    """A short name for the sidebar and messages (never a password)."""
    if not target.is_lake:
        return target.path.name
    conninfo = target.url[len(POSTGRES_PREFIX) :]
    dbname = re.search(r"dbname\s*=\s*(\S+)", conninfo)
    return "lake " + (dbname.group(1) if dbname else os.environ.get("PGDATABASE", "(default database)"))


# --- schema ----------------------------------------------------------------------------------


def create_schema(con: duckdb.DuckDBPyConnection, target: Target, constraints: bool = True) -> None:
    """Create every table, view and description. The one place that decides
    what a lake cannot hold: DuckLake rejects PRIMARY KEY, UNIQUE, CHECK and
    FOREIGN KEY (`fivebarriers check` re-tests every one of them) and
    comments on the columns of views (their views keep their own comment)."""
    lake = target.is_lake
    schema.create_all(con, constraints=constraints and not lake, view_column_comments=not lake)


def reset_schema(con: duckdb.DuckDBPyConnection, target: Target, constraints: bool = True) -> None:
    """Inside a write: drop every view and table of ours, then create them
    empty. On a file the write starts from an empty file, so this is create."""
    if target.is_lake:
        # Names cannot be parameters of DROP, so the file lists every one
        # (tests/test_lake.py fails if it misses a table or view of schema.sql/views.sql).
        con.execute(queries.sql("lake_drop_schema"))
    create_schema(con, target, constraints)


# --- the write path --------------------------------------------------------------------------


def write_transaction(
    target: Target | str | os.PathLike[str] | None,
    fn: Callable[[duckdb.DuckDBPyConnection], T],
    *,
    fresh: bool = False,
    retries: int = DEFAULT_RETRIES,
    who: str | None = None,
    message: str | None = None,
    wait: bool = True,
    attach: Mapping[str, Path] | None = None,
    backup: str | None = None,
    start_from: Path | None = None,
) -> T:
    """Run `fn(con)` as one all-or-nothing write and return what it returns.

    `con`'s default catalog is the data. `fn` raises to refuse (nothing is
    written). On a lake `fn` may run more than once: after a conflict with
    another writer the whole transaction is rolled back and re-run, so `fn`
    must read what it checks through `con`, inside the transaction.

    `fresh`: the write starts from nothing (build, synth, migrate): a new
    file, or a lake catalog created if missing (only these may create one).
    `who`/`message` label the lake snapshot (`history`). `wait=False` on a
    file raises LockBusy at once if another process is writing it.
    `attach` maps aliases to database files attached read-only before the
    transaction starts (migrate reads its source through one).
    On a file, `backup` keeps the replaced file as a backup with that label
    (fivebarriers.store.backups) and `start_from` starts the write from a
    copy of another file instead of the live one (restore); a lake keeps its
    own history (snapshots), so both are ignored there."""
    target = resolve(target)
    if target.is_lake:
        return lake.lake_write(
            target, fn, fresh=fresh, retries=retries, who=who, message=message, attach=attach or {}
        )
    return file_write(
        target.path, fn, fresh=fresh, wait=wait, attach=attach or {}, backup=backup, start_from=start_from
    )


# --- history ---------------------------------------------------------------------------------


def history(target: Target | str | os.PathLike[str] | None = None, limit: int = 50) -> list[Snapshot]:
    """The lake's snapshots, newest first (every write is one). A file keeps no history: []."""
    target = resolve(target)
    if not target.is_lake:
        return []
    return lake.history(target, limit)


def is_conflict(exc: BaseException) -> bool:
    """A lost race with another writer: re-running the transaction may succeed."""
    return lake.is_conflict(exc)
