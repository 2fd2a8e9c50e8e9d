"""`fivebarriers restore`: bring back a backup without losing a load.

Loads keep no backup (undo takes a load back out), so a backup can be older
than the latest loads. Restoring it as it is would drop them, so, like
`build`, a restore over a file holding loads the backup lacks (batches still
loaded in the live file that the backup's history does not know) refuses and
names them, unless told what to do:

* --keep-loads: the backup, then those loads re-applied in the order they
  were loaded, under their own batch ids, with their history (and that of
  batches undone since the backup); the summaries and search index rebuilt
  and the whole `fivebarriers check` run. A load that no longer fits the
  backup refuses the restore.
* --discard-loads: each of those loads written to a CSV beside the database
  first (carry_over.write_csvs), then the backup as it is.

A batch the backup records as undone is not "lacked": it was taken out on
purpose in that file's story. Everything is read and decided under the
writer lock, inside the one write (fivebarriers.store.filewrite), so a load
that lands while the restore waits is never missed. The replaced file is
kept as a backup, and backups.prune never removes one holding loads found
nowhere else."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from fivebarriers import words
from fivebarriers.data import carry_over, check
from fivebarriers.data.problems import shown
from fivebarriers.store import backend, backups, search_index, summaries
from fivebarriers.store.locking import LockBusy
from fivebarriers.store.target import NO_FETCH

KEEP, DISCARD, REFUSE = "keep", "discard", "refuse"
# DuckDB's file header: 8 bytes of checksum, then the magic bytes.
_MAGIC_AT, _MAGIC = 8, b"DUCK"


class RestoreError(Exception):
    """The restore could not run or did not check out; nothing changed."""


class LoadsWouldBeLost(RestoreError):
    """The live file holds loads the backup lacks, and the restore was not told what to do."""


@dataclass
class RestoreResult:
    chosen: backups.Backup
    kept: Path | None = None  # the backup of the file this restore replaced
    loads: carry_over.Loads = field(default_factory=carry_over.Loads)  # the loads the backup lacked
    reapplied: bool = False
    csvs: list[Path] = field(default_factory=list)


def _file(db: backend.Target | Path | str | None) -> Path:
    target = backend.resolve(db)
    if target.is_lake:
        raise RestoreError("restore works on database files; a lake keeps every snapshot itself")
    return target.path


def _refuse_if_not_ours(backup: backups.Backup) -> None:
    """A backup this program made is a regular DuckDB file (a hard link or a copy)."""
    try:
        st = os.lstat(backup.path)
        if stat.S_ISLNK(st.st_mode):
            raise RestoreError(
                f"{backup.name} is a symbolic link, not a backup this program made: "
                "nothing was changed (remove it from the backups folder)"
            )
        if not stat.S_ISREG(st.st_mode):
            raise RestoreError(f"{backup.name} is not a regular file: nothing was changed")
        with open(backup.path, "rb") as f:
            head = f.read(_MAGIC_AT + len(_MAGIC))
    except OSError as exc:
        raise RestoreError(f"cannot read {backup.name} ({exc.strerror}): nothing was changed") from exc
    if head[_MAGIC_AT:] != _MAGIC:
        raise RestoreError(f"{backup.name} is not a DuckDB database file: nothing was changed")


def _live_loads(path: Path) -> carry_over.Loads:
    """Every load of the live file (none if there is no live file, or it is not ours)."""
    if not path.exists():
        return carry_over.Loads()
    try:
        con = duckdb.connect(str(path), read_only=True, config=NO_FETCH)
    except duckdb.Error as exc:
        raise RestoreError(
            f"cannot read {path} ({str(exc).splitlines()[0]}) to see which loads it holds; "
            "nothing was changed"
        ) from exc
    try:
        return carry_over.read_loads(con)
    except duckdb.CatalogException:
        return carry_over.Loads()
    finally:
        con.close()


def _named(loads: carry_over.Loads, limit: int = 10) -> str:
    names = {}
    if loads.history is not None:
        for row in loads.history.select(["batch_id", "file_name"]).to_pylist():
            names[row["batch_id"]] = row["file_name"]
    parts = [
        f"batch {shown(batch_id, 60)} ({rows:,} row{'s' if rows != 1 else ''} into {table} "
        f"from {shown(names.get(batch_id, '?'), 60)})"
        for batch_id, table, rows in loads.batches[:limit]
    ]
    if loads.count > limit:
        parts.append(f"and {loads.count - limit} more")
    return ", ".join(parts)


def refusal(path: Path, backup: backups.Backup, lacked: carry_over.Loads) -> str:
    return (
        f"{path.name} holds {lacked.describe()} that {backup.name} lacks: {_named(lacked)}. "
        "Restoring it as it is would drop them, so nothing was changed. Run again with --keep-loads "
        "(restore, then re-apply those loads in the order they were loaded, checked) or --discard-loads "
        "(write each of them to a CSV beside the database, then restore)"
    )


def restore(db: backend.Target | Path | str | None, which: str, loads: str = REFUSE) -> RestoreResult:
    """Bring back one backup (by number, 1 = newest, or file name) without
    losing a load (module doc); the file it replaces becomes a backup in turn."""
    path = _file(db)
    try:
        chosen = backups.find(path, which)
    except KeyError:
        listed = ", ".join(b.name for b in backups.listing(path)[:5]) or "none"
        raise RestoreError(
            f"no backup '{shown(which, 60)}' of {path.name} (newest: {listed}); "
            "list them with `fivebarriers restore`"
        ) from None
    _refuse_if_not_ours(chosen)
    result = RestoreResult(chosen)

    def work(con: duckdb.DuckDBPyConnection) -> None:
        try:
            known = {row[0] for row in con.table("ingest_batches").select("batch_id").fetchall()}
        except duckdb.CatalogException as exc:
            raise RestoreError(f"{chosen.name} is not a Five Barriers database; nothing was changed") from exc
        live = _live_loads(path)
        lacked_ids = {b for b, _, _ in live.batches if b not in known}
        since = set()  # every batch the backup does not know, undone ones too
        if live.history is not None:
            fresh = pc.invert(pc.is_in(live.history["batch_id"], value_set=_ids(known)))
            since = set(live.history.filter(fresh)["batch_id"].to_pylist())
        result.loads = live.only(lacked_ids)
        if not lacked_ids:
            return
        if loads == REFUSE:
            raise LoadsWouldBeLost(refusal(path, chosen, result.loads))
        if loads == DISCARD:
            scratch = duckdb.connect()
            try:
                result.csvs = carry_over.write_csvs(
                    scratch,
                    result.loads,
                    carry_over.discard_folder(path),
                    like=path,
                    command="restore --discard-loads",
                )
            finally:
                scratch.close()
            return
        _reapply(con, live.only(since))
        result.reapplied = True

    before = {b.path for b in backups.listing(path)}
    try:
        backend.write_transaction(
            path, work, start_from=chosen.path, backup=f"before-restore-{chosen.at:%Y%m%d-%H%M%S}", wait=False
        )
    except (backend.BackendError, LockBusy) as exc:
        raise RestoreError(str(exc)) from exc
    except duckdb.Error as exc:
        raise RestoreError(
            f"the restore of {chosen.name} failed ({backend.redact(str(exc).splitlines()[0])}); "
            "nothing was changed"
        ) from exc
    kept = [b.path for b in backups.listing(path) if b.path not in before]
    result.kept = kept[0] if kept else None
    return result


def _ids(known: set[str]) -> pa.Array:
    return pa.array(sorted(known), type=pa.string())


def _reapply(con: duckdb.DuckDBPyConnection, since: carry_over.Loads) -> None:
    """Inside the restore's write: the loads the backup lacks, in order, and
    the history of every batch it does not know; then the derived tables and
    the whole check, as a build with --keep-loads does."""
    try:
        carry_over.reapply(con, since)
    except duckdb.ConstraintException as exc:
        raise RestoreError(
            f"the loads no longer fit the backup ({str(exc).splitlines()[0]}): restore with --discard-loads "
            "instead, or undo them first; nothing was changed"
        ) from exc
    summaries.refresh(con)
    findings = check.run_checks(con)
    if findings:
        shown_findings = "; ".join(str(f) for f in findings[:3])
        raise RestoreError(
            f"with the loads re-applied the backup breaks {words.plural(len(findings), 'rule')} of "
            f"`fivebarriers check` "
            f"({shown_findings}); restore with --discard-loads instead; nothing was changed"
        )
    search_index.rebuild(con)
