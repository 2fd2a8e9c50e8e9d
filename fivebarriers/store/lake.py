"""The DuckLake backend: its extensions (loaded from their pip wheels by
path, never downloaded), one cached DuckDB instance per lake and mode, the
write that re-runs after a lost race, and the lake's snapshot history.

Readers keep one read-only attachment that follows new snapshots, so no
reopen is ever needed. A write is one DuckLake transaction, i.e. one
snapshot. DuckLake enforces no keys and its conflicts are per table, so
every write also updates a one-row "write token": any two overlapping writes
then conflict, the later one is rolled back and re-run from the top
(re-reading whatever it checks), and key and hash checks inside a write
become race-free."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from fivebarriers import queries
from fivebarriers.config import ENV_DATA_PATH
from fivebarriers.store.locking import LockBusy
from fivebarriers.store.target import (
    LAKE_ALIAS,
    NO_FETCH,
    READER_SETTINGS,
    BackendError,
    Target,
    attach_files,
    safe_error,
    sql_literal,
)

T = TypeVar("T")

# The token lives outside `main`, so the data dictionary and TABLE_ORDER never see it.
TOKEN_SCHEMA = "coordination"
EXTENSIONS = (
    ("duckdb_extension_postgres_scanner", "postgres_scanner"),
    ("duckdb_extension_ducklake", "ducklake"),
)
DEFAULT_RETRIES = 40


class LakeBusy(LockBusy):
    """Other writers kept winning: nothing was written."""


# --- extensions ------------------------------------------------------------------------------


def extension_file(package: str, name: str) -> Path:
    """The extension binary inside its installed pip package, for this DuckDB version."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(
            f"the pip package {package} is not installed: `pip install -e .` (see pyproject.toml)"
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.exists():
        found = sorted(p.parent.name for p in root.glob("extensions/*/*.duckdb_extension"))
        raise BackendError(
            f"{package} carries {found or 'no extension'}, not v{duckdb.__version__}: "
            "pin duckdb and both duckdb-extension-* packages to the same version"
        )
    return path


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    for package, name in EXTENSIONS:
        con.execute("load " + sql_literal(str(extension_file(package, name))))


# --- connections -----------------------------------------------------------------------------


def attach_lake(
    target: Target, *, read_only: bool, create: bool, settings: dict[str, Any]
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={**settings, **NO_FETCH})
    try:
        load_extensions(con)
        options = ["read_only"] if read_only else []
        # Only build and migrate may create a catalog: several processes
        # initialising one empty catalog at once fail (ducklake#243).
        options.append("create_if_not_exists " + ("true" if create else "false"))
        if target.data_path:
            options.append("data_path " + sql_literal(target.data_path))
        elif create:
            raise BackendError(f"set {ENV_DATA_PATH} to the folder for the lake's Parquet files")
        url = target.url
        con.execute("attach " + sql_literal(url) + " as " + LAKE_ALIAS + " (" + ", ".join(options) + ")")
        con.execute("use " + LAKE_ALIAS)
    except duckdb.Error as exc:
        con.close()
        if "does not exist" in str(exc) and "creating a new DuckLake is explicitly disabled" in str(exc):
            raise BackendError(
                f"no lake at {target}: create it with `fivebarriers build` or `fivebarriers migrate`"
            ) from exc
        raise safe_error(exc, f"cannot open the lake {target}") from exc
    except BaseException:
        con.close()
        raise
    return con


# Loading the two extensions (80 MB) and attaching costs 0.2 s on a quiet
# machine and over 1 s on a busy one, so each process keeps one DuckDB
# instance per lake and mode and hands out cursors (separate connections
# with their own transactions). Never closed: they live as long as the process.
_ENGINES: dict[tuple[Target, bool], duckdb.DuckDBPyConnection] = {}
_ENGINES_LOCK = threading.Lock()


def engine_cursor(target: Target, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    with _ENGINES_LOCK:
        engine = _ENGINES.get((target, read_only))
        if engine is None:
            engine = attach_lake(target, read_only=read_only, create=False, settings=READER_SETTINGS)
            _ENGINES[(target, read_only)] = engine
        cur = engine.cursor()
    cur.execute("use " + LAKE_ALIAS)
    return cur


def _forget_engines(target: Target) -> None:
    """Drop a process's cached instances of a lake (after a fatal error)."""
    with _ENGINES_LOCK:
        for key in [k for k in _ENGINES if k[0] == target]:
            _ENGINES.pop(key).close()


def ensure_token(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(queries.sql("lake_token_create"))
    con.execute(queries.sql("lake_token_seed"))


# --- the write -------------------------------------------------------------------------------


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass  # no transaction open any more: nothing to undo


def is_conflict(exc: BaseException) -> bool:
    """A lost race with another writer: re-running the transaction may succeed."""
    if isinstance(exc, duckdb.TransactionException):
        return True
    text = str(exc)
    return isinstance(exc, duckdb.Error) and (
        "Transaction conflict" in text or "Failed to commit DuckLake transaction" in text
    )


def lake_write(
    target: Target,
    fn: Callable[[duckdb.DuckDBPyConnection], T],
    *,
    fresh: bool,
    retries: int,
    who: str | None,
    message: str | None,
    attach: Mapping[str, Path],
) -> T:
    if fresh or attach:
        # Creating a catalog, or attaching a source: a private instance, closed afterwards.
        con = attach_lake(target, read_only=False, create=fresh, settings=READER_SETTINGS)
    else:
        con = engine_cursor(target, read_only=False)
    try:
        attach_files(con, attach)
        if fresh:
            # A catalog created just now has no token yet; creating it is its own snapshot.
            ensure_token(con)
        for attempt in range(1, retries + 1):
            con.execute("begin transaction")
            try:
                # Makes this write conflict with any overlapping one (see module doc).
                con.execute(queries.sql("lake_token_bump"))
                result = fn(con)
                if who or message:
                    con.execute(
                        queries.sql("lake_commit_message"), {"who": who or "", "message": message or ""}
                    )
                con.execute("commit")
                return result
            except BaseException as exc:
                rollback(con)
                if isinstance(exc, duckdb.FatalException):
                    _forget_engines(target)  # the instance is unusable: the next write opens a new one
                if not is_conflict(exc):
                    if isinstance(exc, duckdb.CatalogException) and "write_token" in str(exc):
                        raise BackendError(
                            f"the lake {target} was not created by `fivebarriers build` or `migrate`"
                        ) from exc
                    raise
                if attempt == retries:
                    raise LakeBusy(
                        f"the lake is busy: {retries} attempts lost to other writers; "
                        "nothing was written, try again"
                    ) from exc
                time.sleep(min(1.0, 0.02 * 1.4**attempt) * random.uniform(0.5, 1.5))
        raise AssertionError("unreachable")
    finally:
        con.close()


# --- history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: int
    at: dt.datetime  # UTC
    author: str | None
    message: str | None
    changes: str


def history(target: Target, limit: int = 50) -> list[Snapshot]:
    """The lake's snapshots, newest first (every write is one)."""
    con = engine_cursor(target, read_only=True)
    try:
        rows = con.execute(queries.sql("lake_history"), {"limit": limit}).fetchall()
    finally:
        con.close()
    return [Snapshot(*row) for row in rows]
