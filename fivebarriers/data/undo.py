"""Every load's history, and undo: remove one batch's rows all or nothing,
after checking nothing else refers to them. On a file the replaced database
is kept as a backup (`fivebarriers restore` brings it back)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from fivebarriers import queries
from fivebarriers.data import check, load_access, tables
from fivebarriers.data.load_report import IngestError, UndoReport
from fivebarriers.store import backend, schema

_C = duckdb.ColumnExpression
_K = duckdb.ConstantExpression


def batches(db: backend.Target | Path | str | None = None) -> pd.DataFrame:
    """Every load, newest first (the same table on a file and on a lake)."""
    with load_access.reading(load_access.target(db)) as con:
        return con.execute(queries.sql("ingest_batches")).df()


def history(db: backend.Target | Path | str | None = None, limit: int = 50) -> list[backend.Snapshot]:
    """The lake's snapshots, newest first; a file keeps none ([])."""
    target = load_access.target(db)
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
    target = load_access.target(db)
    with load_access.reading(target) as live:
        # A quick answer for an unknown or undone batch before taking the write
        # path (re-checked inside it); whether other rows use the batch's keys
        # is asked inside only, of the data the write changes.
        _batch_state(live, batch_id)
        removed: dict[str, object] = {}

        def work(con: duckdb.DuckDBPyConnection) -> None:
            # Re-run from the top after a lost race on a lake: read everything again.
            removed["table"] = _batch_state(con, batch_id)
            _refuse_if_used(con, batch_id)
            removed["n"] = sum(load_access.count(con, t, batch_id) for t in load_access.batch_tables(con))
            load_access.fit_threads(con, target, int(removed["n"]))
            names = tables.batch_table_names(str(removed["table"]))
            pilots = load_access.batch_pilots(con, names, batch_id)
            params = {"batch_id": batch_id, "undone_at": dt.datetime.now(dt.UTC).replace(tzinfo=None)}
            queries.run_each(con, "ingest_undo", params)  # one statement per table, children first
            if "sources" in names and not target.is_lake:
                # DuckDB refuses to delete a row whose citing rows were deleted
                # in the same transaction (its foreign-key limitations), so the
                # sources go in a second transaction on the same private copy:
                # the copy replaces the live file only once both have committed
                # (filewrite.file_write), so the undo stays all or nothing.
                # A lake enforces no foreign keys: one transaction, one snapshot.
                con.execute("commit")
                con.execute("begin transaction")
            queries.run_each(con, "ingest_undo_sources", params)
            load_access.refresh_derived(con, names, pilots)
            load_access.refuse_on_findings(con, "removing this batch", pilots, check.run_checks)

        load_access.write(
            target,
            work,
            who=load_access.who(by),
            message=f"undo batch {batch_id}",
            what="undone",
            backup=f"undo-{batch_id}",
        )
    with load_access.reading(target) as after:
        state = after.execute(queries.sql("ingest_batch"), {"batch_id": batch_id}).fetchone()
        left = sum(load_access.count(after, t, batch_id) for t in load_access.batch_tables(after))
    if state is None or state[7] != "undone" or left:
        raise IngestError(f"the undo of batch {batch_id} did not commit; nothing was changed")
    return UndoReport(batch_id, str(removed["table"]), int(removed["n"]))


def _refuse_if_used(con: duckdb.DuckDBPyConnection, batch_id: str) -> None:
    """Rows of other batches (or curated rows) that refer to this batch's keys.
    A source still cited is named with what cites it, in one line."""
    users: set[str] = set()
    citing: dict[str, set[str]] = {}  # a source of this batch -> what cites it
    columns_of = schema.table_columns(con)
    for (child, column), (parent, key) in tables.FOREIGN_KEYS.items():
        if "batch_id" not in columns_of.get(parent, []) or child not in columns_of:
            continue
        keys = con.table(parent).filter(_C("batch_id") == _K(batch_id)).select(_C(key).alias("used_key"))
        keys = keys.set_alias("used_keys")  # places refer to places: the two sides need names
        child_rel = con.table(child)
        if "batch_id" in columns_of.get(child, []):
            child_rel = child_rel.filter(_C("batch_id").isnull() | (_C("batch_id") != _K(batch_id)))
            label = _C("batch_id")
        else:
            label = _K(None)
        found_rows = (
            child_rel.join(keys, _C(column) == _C("used_key"))
            .select(label, _C("used_key"))
            .distinct()
            .fetchall()
        )
        for found, used_key in found_rows:
            users.add(found or f"curated {child}")
            if parent == "sources":
                where = f"batch {found} ({child})" if found else f"the curated {child}"
                citing.setdefault(used_key, set()).add(where)
    if citing:
        named = "; ".join(
            f"source '{source}' is still cited by {', '.join(sorted(by))}"
            for source, by in sorted(citing.items())
        )
        raise IngestError(
            f"batch {batch_id} cannot be undone: {named}. Undo those batches first; nothing was changed"
        )
    if users:
        listed = ", ".join(sorted(users))
        raise IngestError(
            f"rows elsewhere still refer to batch {batch_id} ({listed}): undo those batches first; "
            "nothing was changed"
        )
