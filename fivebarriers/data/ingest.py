"""Analysts' loads: validate a whole file, then add it to the database all or
nothing, as one batch with a history row (undo.py takes it back out).

Every write goes through backend.write_transaction, so the same code loads
into a DuckDB file (a copy written in one transaction and swapped in under
the writer lock; a crash leaves the live file as it was) and into a DuckLake
(one transaction = one snapshot; a lost race with another writer is re-run
from the top). The file is read and its cells validated outside the write;
what the database says about its keys (the same file loaded, the same keys,
a parent undone, perhaps by another writer meanwhile) is checked inside it,
against the data the write changes (a dry run, and a file that already has
problems, get those answers outside too, so every problem is listed at
once). The write then inserts, records the batch,
brings the summaries of the pilots it touched up to date and runs the
batch-scoped `fivebarriers check` (check.py): its cost follows the batch,
not the database. After the commit the load is read back: DuckDB can turn
a COMMIT into a silent rollback.

The command line (cli/ingest.py) and the upload page call the same functions.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from fivebarriers import queries
from fivebarriers.data import batch_keys, build, load_access, readers, row_rules, tables, validate
from fivebarriers.data.check import run_checks
from fivebarriers.data.load_access import batch_tables as _batch_tables
from fivebarriers.data.load_access import who
from fivebarriers.data.load_report import IngestError, Report, UndoReport
from fivebarriers.data.readers import Upload
from fivebarriers.data.undo import batches, history, undo
from fivebarriers.data.validate import Problem
from fivebarriers.progress import Draw, Progress
from fivebarriers.store import backend, schema

PREVIEW_ROWS = 10
# A load passes over its rows three times; the progress bar names each pass.
LOAD_STEPS = ("checking the file", "writing", "checking the database")
# Rows inserted at a time: the bar moves as they are written, and each slice
# is converted from pandas on its own (a million-row Arrow copy never exists).
INSERT_ROWS = 100_000
COPY_SUFFIX = backend.COPY_SUFFIX  # a write in progress (or killed) beside the file

__all__ = [
    "COPY_SUFFIX",
    "IngestError",
    "Report",
    "UndoReport",
    "Upload",
    "_batch_tables",
    "batches",
    "history",
    "ingest",
    "run_checks",
    "undo",
    "validate_file",
    "who",
]


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
    with load_access.reading(load_access.target(db)) as con:
        report, _ = _validate(source, table, con, encoding, max_bytes, today)
    report.dry_run = True
    return report


def _validate(
    source: Path | str | Upload,
    table: str | None,
    con: duckdb.DuckDBPyConnection,
    encoding: str | None,
    max_bytes: int,
    today: dt.date | None,
    *,
    db_checks: bool = True,
    bar: Progress | None = None,
) -> tuple[Report, dict[str, pd.DataFrame] | None]:
    """The file's problems, and its typed rows by table (parents first): one
    table, or a workbook with a sheet per table loaded as one batch.
    `db_checks=False` (a load): what the database says about its keys is
    left to the write, which checks it anyway (_recheck), unless the file
    already has problems: then everything is reported at once."""
    started = time.perf_counter()
    sheets = readers.read_batch(source, table, encoding, max_bytes)
    read_done = time.perf_counter()
    first = sheets[0]
    several = len(sheets) > 1
    report = Report(first.file_name, table, first.sha256, sum(len(s.frame) for s in sheets))
    report.seconds["read"] = read_done - started
    if bar is not None:
        bar.set_total(report.rows)
        bar.update(0, LOAD_STEPS[0])
    report.preview = _preview(first.frame)
    if several:
        report.table = tables.batch_label([str(s.sheet) for s in sheets])
        report.sheets = {str(s.sheet): len(s.frame) for s in sheets}
    checked: list[tuple[str, pd.DataFrame, bool, list[Problem]]] = []
    for sheet in sheets:
        found = _check_sheet(report, sheet, sheet.sheet if several else table, today, several)
        if found is not None:
            checked.append(found)
    if not checked or (several and len(checked) < len(sheets)):
        return report, None
    frames = {name: frame for name, frame, _, _ in checked}
    cycles = [p for _, _, _, found in checked for p in found]
    if db_checks or report.problems or cycles:
        for name, frame, complete, _ in checked:
            if complete:
                report.problems += batch_keys.key_problems(con, name, frame, frames)
    report.problems += cycles
    if db_checks or report.problems:
        already = batch_keys.already_loaded(con, first.sha256)
        if already:
            report.problems.insert(0, Problem(report.table or "", None, None, already))
    report.seconds["validate"] = time.perf_counter() - read_done
    if bar is not None:
        bar.update(report.rows)
    return report, frames


def _check_sheet(
    report: Report, sheet: readers.Sheet, table: str | None, today: dt.date | None, several: bool
) -> tuple[str, pd.DataFrame, bool, list[Problem]] | None:
    """One sheet's own problems (into `report`): (table, typed rows, whether
    every column is there, hierarchy loops), or None if it cannot be checked."""
    tag = (lambda p: replace(p, table=str(sheet.sheet))) if several else (lambda p: p)
    report.problems += [tag(p) for p in sheet.problems]
    report.notes += sheet.notes
    if not sheet.header:
        return None
    if table is None:
        table, reason = detect_table(sheet.header)
        if table is None:
            report.problems.append(Problem("", 1, None, reason))
            return None
        report.table = table
        report.notes.append(f"detected table {table} from the header")
    elif table not in tables.INGESTABLE:
        report.problems.append(
            Problem(
                "", None, None, f"'{table}' cannot be loaded: choose one of {', '.join(tables.INGESTABLE)}"
            )
        )
        return None
    for name in tables.OPTIONAL_COLUMNS.get(table, ()):
        if name not in sheet.header:  # an older template: the newer columns stay empty
            sheet.header.append(name)
            sheet.frame[name] = None
    report.problems += validate.header_problems(table, sheet.header)
    known_columns = [c for c in tables.user_columns(table) if c in sheet.frame.columns]
    flagged = {p.row for p in sheet.problems if p.row is not None}
    typed = validate.convert(
        table, sheet.frame[known_columns], today=today, python_dates=False, reported_rows=flagged
    )
    report.problems += typed.problems
    said = flagged | {p.row for p in typed.problems if p.row is not None}
    report.problems += [p for p in row_rules.load_rules(table, typed.frame) if p.row not in said]
    report.notes += typed.notes
    frame = typed.frame
    complete = len(known_columns) == len(tables.user_columns(table))
    cycles: list[Problem] = []
    if complete:
        report.problems += validate.duplicate_keys(table, frame, name_rows=True)
        cycles = _place_cycles(frame) if table == "places" else []
    return table, frame, complete, cycles


def _preview(frame: pd.DataFrame) -> pd.DataFrame:
    head = frame.head(PREVIEW_ROWS).copy()
    head.index.name = "row"
    return head.reset_index()


def _place_cycles(frame: pd.DataFrame) -> list[Problem]:
    positional = frame.reset_index(drop=True)
    found = build.place_cycles(positional)
    return [Problem(p.table, int(frame.index[p.row]), p.column, p.message) for p in found]


# --- load -----------------------------------------------------------------------------------


def new_batch_id(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


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
    progress: Draw | None = None,
) -> Report:
    """Validate `source` and, if it has no problem and this is not a dry run,
    add it to the database as one batch. Problems come back in the report;
    an IngestError means the load could not run (lock, busy lake, foreign
    writer, a check or commit failure) and nothing changed.

    A workbook with a sheet per table (sources, source_sections, outputs...)
    is one batch when no single table is asked for: every sheet is checked,
    and loaded or not, together. `progress` draws the load's progress bar
    (progress.py) once it has run for two seconds."""
    target = load_access.target(db)
    if dry_run:
        return validate_file(source, table, target, encoding, max_bytes, today)
    with Progress(0, LOAD_STEPS, progress) as bar:
        # The file's cells are checked once, outside the write; its keys are
        # checked inside it, against the data it changes (_recheck).
        with load_access.reading(target) as live:
            report, frames = _validate(
                source, table, live, encoding, max_bytes, today, db_checks=False, bar=bar
            )
            if not report.ok or frames is None:
                return report
            started = time.perf_counter()
            batch_id = new_batch_id()
            try:
                _load(target, report, frames, batch_id, load_access.who(loaded_by), bar)
            except load_access.Refused as refused:
                report.problems = refused.problems
                return report
            report.batch_id = batch_id
            report.seconds["write"] = time.perf_counter() - started
        _verify_committed(target, report, batch_id)
        report.seconds["verify"] = time.perf_counter() - started - report.seconds["write"]
        return report


def _recheck(con: duckdb.DuckDBPyConnection, report: Report, frames: dict[str, pd.DataFrame]) -> None:
    """Inside the write, against the data as it is now: the same file loaded
    already, rows with the same keys, references to keys that are not there
    (another writer may have loaded or undone them since the file was read).
    A file with no problem of its own is checked for these here only."""
    already = batch_keys.already_loaded(con, report.sha256)
    problems = [Problem(report.table or "", None, None, already)] if already else []
    for table, frame in frames.items():
        problems += batch_keys.key_problems(con, table, frame, frames)
    if problems:
        raise load_access.Refused(problems)


def _load(
    target: backend.Target,
    report: Report,
    frames: dict[str, pd.DataFrame],
    batch_id: str,
    loaded_by: str,
    bar: Progress,
) -> None:
    names = list(frames)
    total = sum(len(frame) for frame in frames.values())

    def work(con: duckdb.DuckDBPyConnection) -> None:
        # May run more than once on a lake (a lost race is re-run from the top),
        # so everything it checks is read here, through `con`.
        load_access.fit_threads(con, target, total)
        load_access.fit_memory(con, target, total)
        if bar.drawing:
            load_access.own_progress_bar(con, target)
        _recheck(con, report, frames)
        written = 0
        bar.update(written, LOAD_STEPS[1])
        for table, frame in frames.items():  # parents first
            columns = schema.columns(con, table)
            for start in range(0, len(frame), INSERT_ROWS):
                part = frame.iloc[start : start + INSERT_ROWS]
                rows = pa.Table.from_pandas(
                    part.assign(batch_id=batch_id).reindex(columns=columns), preserve_index=False
                )
                con.from_arrow(rows).insert_into(table)
                written += len(part)
                bar.update(written)
        bar.update(0, LOAD_STEPS[2])
        con.execute(
            queries.sql("ingest_record_batch"),
            {
                "batch_id": batch_id,
                "table_name": tables.batch_label(names),
                "file_name": report.file_name,
                "sha256": report.sha256,
                "loaded_by": loaded_by,
                "loaded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "row_count": total,
                "note": "; ".join(report.notes) or None,
                "loader_version": validate.LOADER_VERSION,
            },
        )
        pilots = load_access.batch_pilots(con, names, batch_id)
        load_access.refresh_derived(con, names, pilots)
        load_access.refuse_on_findings(con, "these rows", pilots, run_checks)
        bar.update(total)

    load_access.write(
        target,
        work,
        who=loaded_by,
        message=f"ingest {report.file_name} (batch {batch_id})",
        what="loaded",
    )


def _verify_committed(target: backend.Target, report: Report, batch_id: str) -> None:
    # DuckDB may turn COMMIT of a transaction in which a statement failed
    # into a silent rollback: check the load is really there.
    with load_access.reading(target) as after:
        recorded = after.execute(queries.sql("ingest_batch"), {"batch_id": batch_id}).fetchone()
        names = tables.batch_table_names(report.table or "")
        count = sum(load_access.count(after, t, batch_id) for t in names) if recorded else -1
    if recorded is None or count != report.rows:
        report.batch_id = None
        raise IngestError(f"the load of {report.file_name} did not commit; nothing was changed")
