"""Reading and writing the data for loads and undos, with the messages an
analyst should see: a busy lock or lake, a missing database, a foreign
writer, a refusal by DuckDB, each an IngestError saying nothing changed."""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from fivebarriers import queries, words
from fivebarriers.data import check
from fivebarriers.data.check import Finding
from fivebarriers.data.load_report import IngestError
from fivebarriers.data.validate import Problem
from fivebarriers.store import backend, schema, search_index, summaries
from fivebarriers.store.locking import LockBusy

_C = duckdb.ColumnExpression
_K = duckdb.ConstantExpression


def foreign_writer_message(exc: BaseException) -> str:
    pid = re.search(r"PID (\d+)", str(exc))
    holder = f" (PID {pid.group(1)})" if pid else ""
    return (
        f"the database is open for writing by another program{holder}: close that program "
        "and try again; nothing was changed"
    )


@contextmanager
def reading(target: backend.Target) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection on the data (file or lake).

    On a file it is held open for the whole load: while it is open no other
    process can open the file read-write, so nobody writes it in place while
    the write path copies it."""
    try:
        con = backend.connect_reader(target)
    except backend.BackendError as exc:
        cause = exc.__cause__
        if isinstance(cause, duckdb.IOException) and "lock" in str(cause).lower():
            raise IngestError(foreign_writer_message(cause)) from exc
        raise IngestError(str(exc)) from exc
    try:
        yield con
    finally:
        con.close()


class Refused(Exception):
    """Raised inside a write to refuse it with problems for the report."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message if problems else "refused")
        self.problems = problems


def write(target: backend.Target, work, *, who: str, message: str, what: str, backup: str | None = None):
    """backend.write_transaction with the ingest messages: a busy lock or lake,
    a missing database, a refusal by DuckDB, all as IngestError; nothing changed."""
    try:
        return backend.write_transaction(target, work, who=who, message=message, wait=False, backup=backup)
    except backend.LakeBusy as exc:
        raise IngestError(f"the lake is busy; nothing was {what}, try again") from exc
    except LockBusy as exc:
        raise IngestError(
            f"another load (or a build) is in progress on {target.path.name}: try again when it has "
            "finished; nothing was changed"
        ) from exc
    except backend.BackendError as exc:
        raise IngestError(str(exc)) from exc
    except duckdb.Error as exc:
        raise IngestError(
            f"the database refused the {'rows' if what == 'loaded' else 'undo'} "
            f"({backend.redact(str(exc).splitlines()[0])}); nothing was changed"
        ) from exc


# Below this many rows a load or undo touches a few row groups: one thread
# does it as fast as two and keeps the writer's peak memory lower (a 100-row
# load at 10M outputs: 314 MB with two threads, 290 MB with one).
SMALL_BATCH_ROWS = 100_000


def fit_threads(con: duckdb.DuckDBPyConnection, target: backend.Target, rows: int) -> None:
    """Inside a write to a file: one thread for a small batch (SMALL_BATCH_ROWS).
    A file write opens a DuckDB of its own (on the copy it writes), so the
    setting ends with it. Not on a lake: there a write that changed it hung
    inside SET, with the lake's write token held (bench.load, two analysts)."""
    if rows < SMALL_BATCH_ROWS and not target.is_lake:
        con.execute(queries.sql("one_thread"))


def fit_memory(con: duckdb.DuckDBPyConnection, target: backend.Target, rows: int) -> None:
    """Inside a write to a file of a large batch: DuckDB's memory capped
    (queries/write_memory_limit.sql), spilling beside the copy instead. At
    10M outputs a 1,000,000-row load's scoped check peaked at 2.4 GB, 1.45 GB
    capped, in the same CPU time. Not on a lake (fit_threads)."""
    if rows >= SMALL_BATCH_ROWS and not target.is_lake:
        con.execute(queries.sql("write_memory_limit"))


def own_progress_bar(con: duckdb.DuckDBPyConnection, target: backend.Target) -> None:
    """Inside a write to a file whose caller draws a progress bar: DuckDB's own
    is switched off (it would write over ours). Not on a lake (fit_threads)."""
    if not target.is_lake:
        con.execute(queries.sql("no_duckdb_progress_bar"))


def count(con: duckdb.DuckDBPyConnection, table: str, batch_id: str) -> int:
    rel = con.table(table).filter(_C("batch_id") == _K(batch_id))
    return rel.aggregate([duckdb.FunctionExpression("count").alias("n")]).fetchone()[0]


batch_tables = schema.batch_tables


def refuse_on_findings(
    con: duckdb.DuckDBPyConnection,
    what: str,
    pilots: list[str],
    run_checks: Callable[[duckdb.DuckDBPyConnection], list[Finding]],
) -> None:
    """Inside a load's or undo's write: the batch-scoped `fivebarriers check`
    (only the pilots the batch touched; see check.py), or the whole check when
    the batch touched most pilots; any finding refuses it."""
    if check.narrows(con, pilots):
        with check.scope(con, pilots) as whole_table:
            findings = whole_table + run_checks(con)
    else:
        findings = run_checks(con)
    if findings:
        shown = "; ".join(str(f) for f in findings[:3])
        raise IngestError(
            f"{what} would break {words.plural(len(findings), 'rule')} of `fivebarriers check` ({shown}); "
            "nothing was changed"
        )


def target(db: backend.Target | Path | str | None) -> backend.Target:
    try:
        return backend.resolve(db)
    except backend.BackendError as exc:
        raise IngestError(str(exc)) from exc


def who(loaded_by: str | None = None) -> str:
    if loaded_by and loaded_by.strip():
        return loaded_by.strip()
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def batch_pilots(con: duckdb.DuckDBPyConnection, names: list[str], batch_id: str) -> list[str]:
    """The pilots whose summaries a batch of these tables touches."""
    columns_of = schema.table_columns(con)
    found: set[str] = set()
    for table in names:
        found.update(summaries.batch_pilots(con, table, batch_id, columns_of.get(table, [])))
    return sorted(found)


# Tables whose rows Search never shows besides results (whose documents the
# pilots' refresh brings up to date): a load of these alone leaves the
# small tables' documents as they are.
UNSEARCHED_TABLES = frozenset({"outputs", "workshop_answers"})


def refresh_derived(con: duckdb.DuckDBPyConnection, names: list[str], pilots: list[str]) -> None:
    """After a load or undo of these tables, inside its write: the summaries
    of the pilots it touched, the place lineage if it changed places, and the
    search index (every small table's documents, sources among them, unless
    it changed results alone)."""
    summaries.refresh_pilots(con, pilots, places="places" in names)
    search_index.refresh(con, pilots, small_tables=not set(names) <= UNSEARCHED_TABLES)
