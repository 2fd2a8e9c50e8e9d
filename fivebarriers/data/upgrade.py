"""`fivebarriers upgrade` and `fivebarriers restore`: a database file made by
an older release brought up to this one, and a backup brought back.

An upgrade is one write like any other (fivebarriers.store.filewrite): a
new file with today's schema, every table of the older file copied into it
by column name (carry_over.copy_tables), the summaries rebuilt, the whole
`fivebarriers check` run, then swapped in under the same name with the old
file kept as a backup. Every load and its history (ingest_batches) comes
across as it was, so `batches` and `undo` carry on working."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from fivebarriers import queries, words
from fivebarriers.config import DATA_DIR
from fivebarriers.data import carry_over, check
from fivebarriers.progress import Draw, Progress
from fivebarriers.store import backend, backups, search_index, summaries, version
from fivebarriers.store.locking import LockBusy

# The attached older file; queries/upgrade_build_info.sql names it so. It cannot
# clash with the file's own name (old.duckdb): the write attaches its copy
# under an alias no file name can take (filewrite.WRITE_ALIAS).
OLD = "old"


class UpgradeError(Exception):
    """The upgrade or restore could not run or did not check out; nothing changed."""


@dataclass
class UpgradeReport:
    db: Path
    from_version: int
    to_version: int
    already_current: bool = False
    tables: dict[str, int] = field(default_factory=dict)
    loads: int = 0
    load_rows: int = 0
    backup: Path | None = None
    reload: list[check.Finding] = field(default_factory=list)  # loads an older version stored wrongly
    cleaned: dict[str, int] = field(default_factory=dict)  # table.column -> cells given U+FFFD


def _file(db: backend.Target | Path | str | None, what: str) -> Path:
    target = backend.resolve(db)
    if target.is_lake:
        raise UpgradeError(
            f"{what} works on database files; a lake keeps every snapshot itself "
            "(`fivebarriers batches --history`), and is upgraded by migrating an upgraded file to it"
        )
    if not target.path.exists():
        raise UpgradeError(f"no database at {target.path}")
    return target.path


# The steps an upgrade's progress bar names (progress.py).
STEPS = ("copying", "checking")


def upgrade(db: backend.Target | Path | str | None = None, progress: Draw | None = None) -> UpgradeReport:
    """Copy an older file into the current schema, check it, swap it in.
    `progress` draws its progress bar once it has run for two seconds."""
    path = _file(db, "upgrade")
    try:
        con = backend.connect_reader(path)
    except backend.BackendError as exc:
        raise UpgradeError(str(exc)) from exc
    try:
        number, sha = version.stored(con)
        try:
            loads, load_rows = con.execute(queries.sql("loads_count")).fetchone()
        except duckdb.CatalogException as exc:
            raise UpgradeError(f"{path} is not a Five Barriers database (it has no load history)") from exc
    finally:
        con.close()
    report = UpgradeReport(path, number, version.SCHEMA_VERSION, loads=loads, load_rows=load_rows)
    if sha == version.fingerprint() and number == version.SCHEMA_VERSION:
        report.already_current = True
        return report
    if number > version.SCHEMA_VERSION:
        raise UpgradeError(f"{path} was made by a newer version (schema {number}): update Five Barriers")

    bar = Progress(0, STEPS, progress)

    def work(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        backend.create_schema(con, backend.resolve(path))
        report.cleaned = carry_over.unexportable_cells(con, OLD)
        copied = carry_over.copy_tables(con, OLD, bar)
        bar.update(0, STEPS[1])
        _fill_schema_4(con)
        try:
            con.execute(queries.sql("upgrade_build_info"))
        except duckdb.CatalogException:
            pass  # the older file recorded nothing about itself
        for key, value in version.build_info_rows().items():
            con.execute(queries.sql("build_info_put"), {"key": key, "value": value})
        summaries.refresh(con)
        search_index.rebuild(con)  # an older file has none, and Search reads it
        findings = check.run_checks(con)
        if findings:
            shown = "; ".join(str(f) for f in findings[:3])
            raise UpgradeError(
                f"the upgraded copy breaks {words.plural(len(findings), 'rule')} of "
                f"`fivebarriers check` ({shown}); "
                "nothing was changed"
            )
        bar.update(bar.total)
        return copied

    try:
        with bar:
            report.tables = backend.write_transaction(
                path, work, fresh=True, attach={OLD: path}, backup=f"upgrade-from-v{number}", wait=False
            )
    except (backend.BackendError, LockBusy) as exc:
        raise UpgradeError(str(exc)) from exc
    except duckdb.Error as exc:
        raise UpgradeError(f"the upgrade failed ({str(exc).splitlines()[0]}); nothing was changed") from exc
    found = backups.listing(path)
    report.backup = found[0].path if found else None
    con = backend.connect_reader(path)
    try:
        report.reload = check.shifted_flags(con)
    finally:
        con.close()
    return report


# Columns schema 4 added to outputs: how a result is compared with its goal,
# and how strong its evidence is (every result must say, `check`).
_SCHEMA_4_COLUMNS = (
    "source_compares_goal",
    "source_judgement",
    "goal_caveat",
    "evidence_strength",
    "evidence_basis",
)


def _fill_schema_4(con: duckdb.DuckDBPyConnection, curated: Path = DATA_DIR / "outputs.csv") -> None:
    """Results copied from a file older than schema 4 have the new columns
    empty: the curated ones take this release's values, and any other
    (an analyst's load) is marked as not yet assessed rather than guessed."""
    with curated.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            values = {c: (row.get(c) or None) for c in _SCHEMA_4_COLUMNS}
            values["source_compares_goal"] = (values["source_compares_goal"] or "").lower() == "true" or None
            con.execute(queries.sql("upgrade_outputs_v4"), {**values, "output_id": row["output_id"]})
    con.execute(queries.sql("upgrade_outputs_unassessed"))
