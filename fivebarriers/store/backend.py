"""The one module that knows there are two backends.

FIVEBARRIERS_DB names either a DuckDB file (the default, embedded) or a
DuckLake: `ducklake:postgres:<libpq conninfo>`, with FIVEBARRIERS_DATA_PATH
naming where its Parquet files live. Everything else (pages, queries,
commands) talks to a plain DuckDB connection whose default catalog is the
data, and writes through `write_transaction`, so the same SQL runs on both.

File: readers open it read-only; a write builds a copy (or a fresh file) and
os.replace()s it under the advisory lock of fivebarriers.store.locking.

Lake: readers keep one read-only attachment that follows new snapshots, so
no reopen is ever needed; the data version is the latest snapshot id. A write
is one DuckLake transaction, i.e. one snapshot. DuckLake enforces no keys and
its conflicts are per table, so every write also updates a one-row "write
token": any two overlapping writes then conflict, the later one is rolled
back and re-run from the top (re-reading whatever it checks), and key and
hash checks inside a write become race-free.

Extensions (ducklake, postgres_scanner) are loaded from their pip wheels by
path with autoinstall/autoload off: nothing is ever downloaded at run time.
Passwords never go in FIVEBARRIERS_DB: libpq reads PGPASSWORD / PGPASSFILE /
PGSERVICE / PGHOST / PGPORT / PGUSER / PGDATABASE from the environment, and
any password that does appear is masked in every message this module makes.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from fivebarriers import queries
from fivebarriers.config import DEFAULT_DB, ENV_DATA_PATH, ENV_DB
from fivebarriers.store import schema
from fivebarriers.store.locking import LockBusy, exclusive_lock

T = TypeVar("T")

LAKE_PREFIX = "ducklake:"
POSTGRES_PREFIX = "ducklake:postgres:"
LAKE_ALIAS = "lake"  # queries/lake_*.sql name the attached catalog `lake`
FILE_ALIAS = "fivebarriers"  # a reader's attached database file
# The token lives outside `main`, so the data dictionary and TABLE_ORDER never see it.
TOKEN_SCHEMA = "coordination"

# Two cores here and in CI: leave one for Streamlit's own work. The memory cap
# keeps a 10M-row database well inside the app's 1.5 GiB budget.
READER_SETTINGS = {"threads": 2, "memory_limit": "1GB"}
# Without these DuckDB fetches extensions from the internet on ATTACH 'ducklake:…'.
NO_FETCH = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
EXTENSIONS = (
    ("duckdb_extension_postgres_scanner", "postgres_scanner"),
    ("duckdb_extension_ducklake", "ducklake"),
)
# A lake snapshot id is polled at most this often per open reader (3 ms each):
# a page with ten queries costs one round trip, and a load shows within it.
VERSION_POLL_SECONDS = 0.25
DEFAULT_RETRIES = 40
# A file write's copy sits beside the live file as <name>.tmp-<pid>-<thread>.
COPY_SUFFIX = ".tmp-"


class BackendError(Exception):
    """The database cannot be reached or is not there; the message is safe to show."""


class LakeBusy(LockBusy):
    """Other writers kept winning: nothing was written."""


@dataclass(frozen=True)
class Target:
    """Where the data lives: a file path, or a DuckLake URL plus its data path."""

    url: str
    data_path: str | None = None

    @property
    def is_lake(self) -> bool:
        return self.url.startswith(LAKE_PREFIX)

    @property
    def path(self) -> Path:
        if self.is_lake:
            raise BackendError("a lake has no database file")
        return Path(self.url)

    def __str__(self) -> str:
        return redact(self.url)

    def __repr__(self) -> str:  # tracebacks and test output never show a password either
        return f"Target({redact(self.url)!r}, data_path={self.data_path!r})"


def resolve(explicit: Target | str | os.PathLike[str] | None = None) -> Target:
    """An explicit target wins, then FIVEBARRIERS_DB, then data/fivebarriers.duckdb."""
    if isinstance(explicit, Target):
        return explicit
    raw = os.fspath(explicit) if explicit else os.environ.get(ENV_DB) or str(DEFAULT_DB)
    if raw.startswith(LAKE_PREFIX):
        if not raw.startswith(POSTGRES_PREFIX):
            raise BackendError(f"{redact(raw)}: only ducklake:postgres:<conninfo> catalogs are supported")
        return Target(raw, os.environ.get(ENV_DATA_PATH) or None)
    return Target(raw)


def is_lake(target: Target | str | os.PathLike[str] | None = None) -> bool:
    return resolve(target).is_lake


_SECRET = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
_URI_SECRET = re.compile(r"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]+@")


def redact(text: str) -> str:
    """`text` with any password in a conninfo or postgres:// URI masked."""
    return _URI_SECRET.sub(r"\1***@", _SECRET.sub(r"\1***", text))


def _sql_literal(text: str) -> str:
    # LOAD and ATTACH take no prepared parameters; these strings are our own
    # package paths and the operator's FIVEBARRIERS_DB / FIVEBARRIERS_DATA_PATH.
    return "'" + text.replace("'", "''") + "'"


def _safe_error(exc: duckdb.Error, what: str) -> BackendError:
    first = redact(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return BackendError(f"{what}: {first}")


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


def _load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    for package, name in EXTENSIONS:
        con.execute("load " + _sql_literal(str(extension_file(package, name))))


# --- connections -----------------------------------------------------------------------------


def _attach_lake(
    target: Target, *, read_only: bool, create: bool, settings: dict[str, Any]
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={**settings, **NO_FETCH})
    try:
        _load_extensions(con)
        options = ["read_only"] if read_only else []
        # Only build and migrate may create a catalog: several processes
        # initialising one empty catalog at once fail (ducklake#243).
        options.append("create_if_not_exists " + ("true" if create else "false"))
        if target.data_path:
            options.append("data_path " + _sql_literal(target.data_path))
        elif create:
            raise BackendError(f"set {ENV_DATA_PATH} to the folder for the lake's Parquet files")
        url = target.url
        con.execute("attach " + _sql_literal(url) + " as " + LAKE_ALIAS + " (" + ", ".join(options) + ")")
        con.execute("use " + LAKE_ALIAS)
    except duckdb.Error as exc:
        con.close()
        if "does not exist" in str(exc) and "creating a new DuckLake is explicitly disabled" in str(exc):
            raise BackendError(
                f"no lake at {target}: create it with `fivebarriers build` or `fivebarriers migrate`"
            ) from exc
        raise _safe_error(exc, f"cannot open the lake {target}") from exc
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


def _engine_cursor(target: Target, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    with _ENGINES_LOCK:
        engine = _ENGINES.get((target, read_only))
        if engine is None:
            engine = _attach_lake(target, read_only=read_only, create=False, settings=READER_SETTINGS)
            _ENGINES[(target, read_only)] = engine
        cur = engine.cursor()
    cur.execute("use " + LAKE_ALIAS)
    return cur


def _forget_engines(target: Target) -> None:
    """Drop a process's cached instances of a lake (after a fatal error)."""
    with _ENGINES_LOCK:
        for key in [k for k in _ENGINES if k[0] == target]:
            _ENGINES.pop(key).close()


def connect_reader(target: Target | str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection whose default catalog is the data (close it
    when done). Take a cursor per thread with `cursor(con, target)`."""
    target = resolve(target)
    if target.is_lake:
        return _engine_cursor(target, read_only=True)
    if not target.path.exists():
        raise BackendError(f"no database at {target.path}: run `fivebarriers build` first")
    # ATTACHed to a private in-memory instance, not duckdb.connect(path): DuckDB
    # keeps one instance per path in a process, so after a load replaced the
    # file, connect(path) would hand back the instance still held by the
    # previous handle, i.e. the file as it was before the load.
    con = duckdb.connect(config={**READER_SETTINGS, **NO_FETCH})
    try:
        con.execute("attach " + _sql_literal(str(target.path)) + " as " + FILE_ALIAS + " (read_only)")
        con.execute("use " + FILE_ALIAS)
    except duckdb.Error as exc:
        con.close()
        raise _safe_error(exc, f"cannot open {target.path}") from exc
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


def _ensure_token(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(queries.sql("lake_token_create"))
    con.execute(queries.sql("lake_token_seed"))


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
    transaction starts (migrate reads its source through one)."""
    target = resolve(target)
    if target.is_lake:
        return _lake_write(
            target, fn, fresh=fresh, retries=retries, who=who, message=message, attach=attach or {}
        )
    return _file_write(target.path, fn, fresh=fresh, wait=wait, attach=attach or {})


def _attach_files(con: duckdb.DuckDBPyConnection, attach: Mapping[str, Path]) -> None:
    for alias, path in attach.items():
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", alias) or alias == LAKE_ALIAS:
            raise ValueError(f"bad alias {alias!r}")
        if not Path(path).exists():
            raise BackendError(f"no database at {path}")
        con.execute("attach " + _sql_literal(str(path)) + " as " + alias + " (read_only)")


def _file_write(
    db: Path,
    fn: Callable[[duckdb.DuckDBPyConnection], T],
    *,
    fresh: bool,
    wait: bool,
    attach: Mapping[str, Path],
) -> T:
    db.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(db, wait=wait):
        if not fresh and not db.exists():
            raise BackendError(f"no database at {db}: run `fivebarriers build` first")
        # Under the lock no other write runs, so any copy beside the file is
        # from a write that crashed or was killed.
        for leftover in db.parent.glob(f"{db.name}{COPY_SUFFIX}*"):
            leftover.unlink(missing_ok=True)
        tmp = db.with_name(f"{db.name}{COPY_SUFFIX}{os.getpid()}-{threading.get_ident()}")
        try:
            if not fresh:
                tmp.write_bytes(db.read_bytes())
                wal = Path(f"{db}.wal")
                if wal.exists():
                    Path(f"{tmp}.wal").write_bytes(wal.read_bytes())
            con = duckdb.connect(str(tmp), config=NO_FETCH)
            try:
                _attach_files(con, attach)
                if fresh:
                    # A private new file: no transaction needed, and a 10M-row
                    # synth would only grow the transaction's undo state.
                    result = fn(con)
                else:
                    con.execute("begin transaction")
                    try:
                        result = fn(con)
                        con.execute("commit")
                    except BaseException:
                        _rollback(con)
                        raise
                con.execute("checkpoint")
            finally:
                con.close()
            os.replace(tmp, db)
        finally:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
    return result


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
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


def _lake_write(
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
        con = _attach_lake(target, read_only=False, create=fresh, settings=READER_SETTINGS)
    else:
        con = _engine_cursor(target, read_only=False)
    try:
        _attach_files(con, attach)
        if fresh:
            # A catalog created just now has no token yet; creating it is its own snapshot.
            _ensure_token(con)
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
                _rollback(con)
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


def history(target: Target | str | os.PathLike[str] | None = None, limit: int = 50) -> list[Snapshot]:
    """The lake's snapshots, newest first (every write is one). A file keeps no history: []."""
    target = resolve(target)
    if not target.is_lake:
        return []
    con = connect_reader(target)
    try:
        rows = con.execute(queries.sql("lake_history"), {"limit": limit}).fetchall()
    finally:
        con.close()
    return [Snapshot(*row) for row in rows]
