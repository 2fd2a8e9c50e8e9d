"""Analysts' loads: validate a whole file, then add it to the database all or
nothing, with a history row per load and an undo.

Every write goes through backend.write_transaction, so the same code loads
into a DuckDB file (a copy written in one transaction and swapped in under
the writer lock; a crash leaves the live file as it was) and into a DuckLake
(one transaction = one snapshot; a lost race with another writer is re-run
from the top). The file is read and validated outside the write; inside it
the load re-checks what another writer may have changed meanwhile (the same
file loaded, the same keys, a parent undone), inserts, records the batch,
refreshes the summaries and runs `fivebarriers check`. After the commit the
load is read back: DuckDB can turn a COMMIT into a silent rollback.

The command line (ingest_cli.py) and the upload page call the same functions.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from fivebarriers import queries
from fivebarriers.data import build, readers, tables, validate
from fivebarriers.data.check import run_checks
from fivebarriers.data.readers import Upload
from fivebarriers.data.validate import Problem
from fivebarriers.store import backend, schema, search_index, summaries
from fivebarriers.store.locking import LockBusy

PREVIEW_ROWS = 10
COPY_SUFFIX = backend.COPY_SUFFIX  # a write in progress (or killed) beside the file
_C = duckdb.ColumnExpression
_K = duckdb.ConstantExpression

__all__ = ["IngestError", "Report", "Upload", "batches", "ingest", "undo", "validate_file"]


class IngestError(Exception):
    """A load or undo that could not start or finish; the database is unchanged."""


@dataclass
class Report:
    """What a validation or a load found and did."""

    file_name: str
    table: str | None
    sha256: str
    rows: int
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    batch_id: str | None = None
    dry_run: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def loaded(self) -> bool:
        return self.batch_id is not None

    def problem_table(self) -> pd.DataFrame:
        """Row, column and problem, in file order (file-level problems first)."""
        rows = [
            {"row": p.row, "column": p.column or "", "problem": p.message}
            for p in sorted(self.problems, key=lambda p: (p.row is not None, p.row or 0, p.column or ""))
        ]
        frame = pd.DataFrame(rows, columns=["row", "column", "problem"])
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def lines(self) -> list[str]:
        """One line per problem: 'file, row 5, column actual: message'."""
        out = []
        for record in self.problem_table().itertuples(index=False):
            where = [self.file_name]
            if not pd.isna(record.row):
                where.append(f"row {record.row}")
            if record.column:
                where.append(f"column {record.column}")
            out.append(f"{', '.join(where)}: {record.problem}")
        return out


@dataclass(frozen=True)
class UndoReport:
    batch_id: str
    table: str
    rows_removed: int


# --- validation -----------------------------------------------------------------------


def detect_table(header: list[str]) -> tuple[str | None, str]:
    """The ingestable table whose columns best match `header`, or a reason."""
    given = set(header)
    scores = []
    for table in tables.INGESTABLE:
        expected = set(tables.user_columns(table))
        scores.append((len(given & expected) / len(given | expected), table))
    scores.sort(reverse=True)
    (best, table), (second, _) = scores[0], scores[1]
    if best < 0.5 or best == second:
        return None, (
            "cannot tell which table this file is for from its header: choose the table "
            f"(one of {', '.join(tables.INGESTABLE)}; on the command line --table NAME)"
        )
    return table, ""


def validate_file(
    source: Path | str | Upload,
    table: str | None = None,
    db: backend.Target | Path | str | None = None,
    encoding: str | None = None,
    max_bytes: int = readers.DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
) -> Report:
    """Every problem of the file, checked against the database; writes nothing."""
    with _reading(_target(db)) as con:
        report, _ = _validate(source, table, con, encoding, max_bytes, today)
    report.dry_run = True
    return report


def _target(db: backend.Target | Path | str | None) -> backend.Target:
    try:
        return backend.resolve(db)
    except backend.BackendError as exc:
        raise IngestError(str(exc)) from exc


def _validate(
    source: Path | str | Upload,
    table: str | None,
    con: duckdb.DuckDBPyConnection,
    encoding: str | None,
    max_bytes: int,
    today: dt.date | None,
) -> tuple[Report, pd.DataFrame | None]:
    started = time.perf_counter()
    sheet = readers.read(source, table, encoding, max_bytes)
    read_done = time.perf_counter()
    report = Report(sheet.file_name, table, sheet.sha256, len(sheet.frame), list(sheet.problems), sheet.notes)
    report.preview = _preview(sheet.frame)
    report.seconds["read"] = read_done - started
    if not sheet.header:
        return report, None
    if table is None:
        table, reason = detect_table(sheet.header)
        if table is None:
            report.problems.append(Problem("", 1, None, reason))
            return report, None
        report.table = table
        report.notes.append(f"detected table {table} from the header")
    elif table not in tables.INGESTABLE:
        report.problems.append(
            Problem(
                "", None, None, f"'{table}' cannot be loaded: choose one of {', '.join(tables.INGESTABLE)}"
            )
        )
        return report, None
    report.problems += validate.header_problems(table, sheet.header)
    known_columns = [c for c in tables.user_columns(table) if c in sheet.frame.columns]
    flagged = {p.row for p in sheet.problems if p.row is not None}
    typed = validate.convert(
        table, sheet.frame[known_columns], today=today, python_dates=False, reported_rows=flagged
    )
    report.problems += typed.problems
    frame = typed.frame
    complete = len(known_columns) == len(tables.user_columns(table))
    if complete:
        report.problems += validate.duplicate_keys(table, frame, name_rows=True)
        report.problems += validate.foreign_keys(table, frame, _known_keys(con, table, frame))
        report.problems += validate.existing_keys(table, frame, _clashes(con, table, frame))
        if table == "places":
            report.problems += _place_cycles(frame)
    already = _already_loaded(con, sheet.sha256)
    if already:
        report.problems.insert(0, Problem(table, None, None, already))
    report.seconds["validate"] = time.perf_counter() - read_done
    return report, frame


def _preview(frame: pd.DataFrame) -> pd.DataFrame:
    head = frame.head(PREVIEW_ROWS).copy()
    head.index.name = "row"
    return head.reset_index()


def _keys(con: duckdb.DuckDBPyConnection, table: str, column: str) -> set[str]:
    rel = con.table(table).filter(_C(column).isnotnull()).select(_C(column)).distinct()
    return {row[0] for row in rel.fetchall()}


def _known_keys(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> dict[str, set[str]]:
    known: dict[str, set[str]] = {}
    for (child, _), (parent, key) in tables.FOREIGN_KEYS.items():
        if child != table or parent in known:
            continue
        known[parent] = _keys(con, parent, key)
        if parent == table:  # a place may name a parent loaded in the same file
            known[parent] |= set(frame[key].dropna())
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


def _place_cycles(frame: pd.DataFrame) -> list[Problem]:
    positional = frame.reset_index(drop=True)
    found = build.place_cycles(positional)
    return [Problem(p.table, int(frame.index[p.row]), p.column, p.message) for p in found]


def _already_loaded(con: duckdb.DuckDBPyConnection, sha256: str) -> str:
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


# --- reading and writing through the backend -------------------------------------------------


def _foreign_writer_message(exc: BaseException) -> str:
    pid = re.search(r"PID (\d+)", str(exc))
    holder = f" (PID {pid.group(1)})" if pid else ""
    return (
        f"the database is open for writing by another program{holder}: close that program "
        "and try again; nothing was changed"
    )


@contextmanager
def _reading(target: backend.Target) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection on the data (file or lake).

    On a file it is held open for the whole load: while it is open no other
    process can open the file read-write, so nobody writes it in place while
    the write path copies it."""
    try:
        con = backend.connect_reader(target)
    except backend.BackendError as exc:
        cause = exc.__cause__
        if isinstance(cause, duckdb.IOException) and "lock" in str(cause).lower():
            raise IngestError(_foreign_writer_message(cause)) from exc
        raise IngestError(str(exc)) from exc
    try:
        yield con
    finally:
        con.close()


class _Refused(Exception):
    """Raised inside a write to refuse it with problems for the report."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message if problems else "refused")
        self.problems = problems


def _write(target: backend.Target, work, *, who: str, message: str, what: str):
    """backend.write_transaction with the ingest messages: a busy lock or lake,
    a missing database, a refusal by DuckDB, all as IngestError; nothing changed."""
    try:
        return backend.write_transaction(target, work, who=who, message=message, wait=False)
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


def _count(con: duckdb.DuckDBPyConnection, table: str, batch_id: str) -> int:
    rel = con.table(table).filter(_C("batch_id") == _K(batch_id))
    return rel.aggregate([duckdb.FunctionExpression("count").alias("n")]).fetchone()[0]


def _batch_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [t for t in schema.TABLE_ORDER if t != "ingest_batches" and "batch_id" in schema.columns(con, t)]


def _refuse_on_findings(con: duckdb.DuckDBPyConnection, what: str) -> None:
    findings = run_checks(con)
    if findings:
        shown = "; ".join(str(f) for f in findings[:3])
        raise IngestError(
            f"{what} would break {len(findings)} rule(s) of `fivebarriers check` ({shown}); "
            "nothing was changed"
        )


# --- load -----------------------------------------------------------------------------------


def new_batch_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def who(loaded_by: str | None = None) -> str:
    if loaded_by and loaded_by.strip():
        return loaded_by.strip()
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def ingest(
    source: Path | str | Upload,
    table: str | None = None,
    db: backend.Target | Path | str | None = None,
    dry_run: bool = False,
    encoding: str | None = None,
    loaded_by: str | None = None,
    *,
    max_bytes: int = readers.DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
) -> Report:
    """Validate `source` and, if it has no problem and this is not a dry run,
    add it to the database as one batch. Problems come back in the report;
    an IngestError means the load could not run (lock, busy lake, foreign
    writer, a check or commit failure) and nothing changed."""
    target = _target(db)
    if dry_run:
        return validate_file(source, table, target, encoding, max_bytes, today)
    # The file is read and validated once, outside the write; the write only
    # re-checks what another writer may have changed since (see _load).
    with _reading(target) as live:
        report, frame = _validate(source, table, live, encoding, max_bytes, today)
        if not report.ok or frame is None:
            return report
        started = time.perf_counter()
        batch_id = new_batch_id()
        try:
            _load(target, report, frame, batch_id, who(loaded_by))
        except _Refused as refused:
            report.problems = refused.problems
            return report
        report.batch_id = batch_id
        report.seconds["write"] = time.perf_counter() - started
    _verify_committed(target, report, batch_id)
    report.seconds["verify"] = time.perf_counter() - started - report.seconds["write"]
    return report


def _recheck(con: duckdb.DuckDBPyConnection, report: Report, frame: pd.DataFrame) -> None:
    """Inside the write: what other writers may have changed since validation.
    Another load of the same file, rows with the same keys, parents undone."""
    table = report.table
    assert table is not None
    already = _already_loaded(con, report.sha256)
    if already:
        raise _Refused([Problem(table, None, None, already)])
    problems = validate.existing_keys(table, frame, _clashes(con, table, frame))
    problems += validate.foreign_keys(table, frame, _known_keys(con, table, frame))
    if problems:
        raise _Refused(problems)


def _load(target: backend.Target, report: Report, frame: pd.DataFrame, batch_id: str, loaded_by: str) -> None:
    table = report.table
    assert table is not None
    rows = None

    def work(con: duckdb.DuckDBPyConnection) -> None:
        # May run more than once on a lake (a lost race is re-run from the top),
        # so everything it checks is read here, through `con`.
        nonlocal rows
        _recheck(con, report, frame)
        if rows is None:
            columns = schema.columns(con, table)
            rows = pa.Table.from_pandas(
                frame.assign(batch_id=batch_id).reindex(columns=columns), preserve_index=False
            )
        con.from_arrow(rows).insert_into(table)
        con.execute(
            queries.sql("ingest_record_batch"),
            {
                "batch_id": batch_id,
                "table_name": table,
                "file_name": report.file_name,
                "sha256": report.sha256,
                "loaded_by": loaded_by,
                "loaded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "row_count": rows.num_rows,
                "note": "; ".join(report.notes) or None,
            },
        )
        summaries.refresh(con)
        search_index.rebuild(con)
        _refuse_on_findings(con, "these rows")

    _write(
        target,
        work,
        who=loaded_by,
        message=f"ingest {report.file_name} (batch {batch_id})",
        what="loaded",
    )


def _verify_committed(target: backend.Target, report: Report, batch_id: str) -> None:
    # DuckDB may turn COMMIT of a transaction in which a statement failed
    # into a silent rollback: check the load is really there.
    with _reading(target) as after:
        recorded = after.execute(queries.sql("ingest_batch"), {"batch_id": batch_id}).fetchone()
        count = _count(after, report.table, batch_id) if recorded else -1
    if recorded is None or count != report.rows:
        report.batch_id = None
        raise IngestError(f"the load of {report.file_name} did not commit; nothing was changed")


# --- history and undo ----------------------------------------------------------------------


def batches(db: backend.Target | Path | str | None = None) -> pd.DataFrame:
    """Every load, newest first (the same table on a file and on a lake)."""
    with _reading(_target(db)) as con:
        return con.execute(queries.sql("ingest_batches")).df()


def history(db: backend.Target | Path | str | None = None, limit: int = 50) -> list[backend.Snapshot]:
    """The lake's snapshots, newest first; a file keeps none ([])."""
    target = _target(db)
    try:
        return backend.history(target, limit)
    except backend.BackendError as exc:
        raise IngestError(str(exc)) from exc


def _batch_state(con: duckdb.DuckDBPyConnection, batch_id: str) -> str:
    """The batch's table, or IngestError if it is unknown or already undone."""
    row = con.execute(queries.sql("ingest_batch"), {"batch_id": batch_id}).fetchone()
    if row is None:
        raise IngestError(f"no batch '{batch_id}': list them with `fivebarriers batches`")
    table, outcome, undone_at = row[1], row[7], row[8]
    if outcome != "loaded":
        when = f" at {undone_at:%Y-%m-%d %H:%M} UTC" if undone_at else ""
        raise IngestError(f"batch {batch_id} was already undone{when}; nothing was changed")
    return table


def undo(batch_id: str, db: backend.Target | Path | str | None = None, by: str | None = None) -> UndoReport:
    """Remove every row of one batch and mark it undone: one write (one lake
    snapshot), all or nothing."""
    target = _target(db)
    with _reading(target) as live:
        # Quick answers before taking the write path; re-checked inside it.
        _batch_state(live, batch_id)
        _refuse_if_used(live, batch_id)
        removed: dict[str, object] = {}

        def work(con: duckdb.DuckDBPyConnection) -> None:
            # Re-run from the top after a lost race on a lake: read everything again.
            removed["table"] = _batch_state(con, batch_id)
            _refuse_if_used(con, batch_id)
            removed["n"] = sum(_count(con, t, batch_id) for t in _batch_tables(con))
            params = {"batch_id": batch_id, "undone_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}
            # One static statement per table (children first): DuckDB binds
            # parameters to the last statement of a multi-statement execute only.
            for statement in queries.sql("ingest_undo").split(";"):
                if statement.strip():
                    needed = {k: v for k, v in params.items() if f"${k}" in statement}
                    con.execute(statement, needed)
            summaries.refresh(con)
            search_index.rebuild(con)
            _refuse_on_findings(con, "removing this batch")

        _write(target, work, who=who(by), message=f"undo batch {batch_id}", what="undone")
    with _reading(target) as after:
        state = after.execute(queries.sql("ingest_batch"), {"batch_id": batch_id}).fetchone()
        left = sum(_count(after, t, batch_id) for t in _batch_tables(after))
    if state is None or state[7] != "undone" or left:
        raise IngestError(f"the undo of batch {batch_id} did not commit; nothing was changed")
    return UndoReport(batch_id, str(removed["table"]), int(removed["n"]))


def _refuse_if_used(con: duckdb.DuckDBPyConnection, batch_id: str) -> None:
    """Rows of other batches (or curated rows) that refer to this batch's keys."""
    users: set[str] = set()
    for (child, column), (parent, key) in tables.FOREIGN_KEYS.items():
        if "batch_id" not in schema.columns(con, parent):
            continue
        keys = con.table(parent).filter(_C("batch_id") == _K(batch_id)).select(_C(key).alias("used_key"))
        keys = keys.set_alias("used_keys")  # places refer to places: the two sides need names
        child_rel = con.table(child)
        if "batch_id" in schema.columns(con, child):
            child_rel = child_rel.filter(_C("batch_id").isnull() | (_C("batch_id") != _K(batch_id)))
            label = _C("batch_id")
        else:
            label = _K(None)
        for (found,) in (
            child_rel.join(keys, _C(column) == _C("used_key"), how="semi").select(label).fetchall()
        ):
            users.add(found or f"curated {child}")
    if users:
        listed = ", ".join(sorted(users))
        raise IngestError(
            f"rows elsewhere still refer to batch {batch_id} ({listed}): undo those batches first; "
            "nothing was changed"
        )
