"""Backups of the files that builds, undos, upgrades and restores replace.

The write path (filewrite.swap_in) keeps the replaced file as a hard link in
`<db>.backups/` just before the swap: the old inode simply gets a second
name, so a backup costs no copy and no time, and it has the old file's mode
and owner. Only the newest FIVEBARRIERS_BACKUPS (default 5) are kept; 0
keeps none. A load keeps no backup: undo takes it back out.

A backup that holds loads found nowhere else is never pruned, whatever the
number: a batch still loaded in it that the live file neither holds nor
records as undone, and that no newer backup kept holds either (a restore
or a build that dropped loads made such a file; pruning it would lose them).

The folder belongs to the database: it is made with the database's owner
and group (a write as root must not lock the dashboard's own user out), and
one that is a symbolic link or not a folder is refused before anything is
written.

`fivebarriers restore` lists them and brings one back (through the same
write path, so the file it replaces is itself kept as a backup)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import duckdb

from fivebarriers.store.target import NO_FETCH, BackendError

ENV_BACKUPS = "FIVEBARRIERS_BACKUPS"
DEFAULT_KEEP = 5
_NAME = re.compile(r"^(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.duckdb$")


@dataclass(frozen=True)
class Backup:
    path: Path
    at: dt.datetime  # UTC, naive
    operation: str  # build, undo-<batch>, upgrade, restore, discard-loads …

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def folder(db: Path) -> Path:
    return db.with_name(db.name + ".backups")


def how_many() -> int:
    """How many backups to keep (FIVEBARRIERS_BACKUPS, default 5)."""
    raw = os.environ.get(ENV_BACKUPS, "").strip()
    if not raw:
        return DEFAULT_KEEP
    try:
        return max(0, int(raw))
    except ValueError:
        return DEFAULT_KEEP


def _link_or_copy(source: Path, dest: Path) -> None:
    try:
        os.link(source, dest)
    except OSError:  # a file system without hard links
        shutil.copy2(source, dest)


def check_folder(db: Path) -> None:
    """Before a write that keeps a backup: BackendError, with nothing written,
    if `<db>.backups` is a symbolic link, not a folder, or a folder this
    process cannot write in."""
    where = folder(db)
    try:
        st = os.lstat(where)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise BackendError(
            f"{where} is a symbolic link, not the backups folder this program makes: "
            "move it away and run the command again; nothing was changed"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise BackendError(
            f"{where} is a file, not the backups folder this program makes: "
            "move it away and run the command again; nothing was changed"
        )
    if not os.access(where, os.W_OK | os.X_OK):
        raise BackendError(
            f"cannot write in {where} (it belongs to user {st.st_uid}, mode {stat.S_IMODE(st.st_mode):04o}): "
            f"give it the owner of {db.name} (chown) and run the command again; nothing was changed"
        )


def _make_folder(where: Path, like: os.stat_result) -> None:
    """The backups folder, private (0700) and owned like the database."""
    try:
        where.mkdir(mode=0o700)
    except FileExistsError:
        return
    st = where.stat()
    if (st.st_uid, st.st_gid) != (like.st_uid, like.st_gid):
        try:
            os.chown(where, like.st_uid, like.st_gid)
        except PermissionError:
            pass  # not root: the folder is ours, like the file we write


def keep(db: Path, wal: Path | None, operation: str) -> Path | None:
    """Keep the live `db` (and the WAL that belongs to it) as a backup. Called
    under the writer lock, just before the swap; `prune` runs after it."""
    if how_many() == 0:
        return None
    where = folder(db)
    _make_folder(where, db.stat())
    label = re.sub(r"[^a-z0-9-]+", "-", operation.lower()).strip("-") or "write"
    path = where / f"{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S-%f}-{label}.duckdb"
    _link_or_copy(db, path)
    if wal is not None:
        _link_or_copy(wal, Path(f"{path}.wal"))
    return path


def _batches(path: Path, loaded_only: bool) -> set[str] | None:
    """The batch ids a database file records (only those still loaded, if
    asked); None if it cannot be read as one of ours."""
    try:
        con = duckdb.connect(str(path), read_only=True, config=NO_FETCH)
    except duckdb.Error:
        return None
    try:
        rel = con.table("ingest_batches")
        if loaded_only:
            rel = rel.filter(duckdb.ColumnExpression("outcome") == duckdb.ConstantExpression("loaded"))
        return {row[0] for row in rel.select("batch_id").fetchall()}
    except duckdb.Error:
        return None
    finally:
        con.close()


def prune(db: Path) -> list[Path]:
    """After a swap, under the writer lock: remove the oldest backups beyond
    how_many(), except any holding loads found nowhere else (module doc).
    Returns the backups kept beyond the number for that reason."""
    count = how_many()
    found = listing(db)
    if count == 0 or len(found) <= count:
        return []
    # Read lazily, cheapest first (each is a DuckDB open): most old backups
    # hold no load, or only loads the live file records.
    accounted: set[str] = set()
    read: list[Path] = []  # the files whose batches are in `accounted`
    sources = [db, *(b.path for b in found[:count])]
    spared = []
    for old in found[count:]:
        loads = _batches(old.path, loaded_only=True) or set()
        while loads - accounted and len(read) < len(sources):
            source = sources[len(read)]
            accounted |= _batches(source, loaded_only=source != db) or set()
            read.append(source)
        if loads - accounted:
            spared.append(old.path)
            accounted |= loads
            continue
        for path in (old.path, Path(f"{old.path}.wal")):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass  # pruned by the next write instead
    return spared


def listing(db: Path) -> list[Backup]:
    """Every backup of `db`, newest first."""
    where = folder(db)
    if where.is_symlink() or not where.is_dir():
        return []
    found = []
    for path in where.iterdir():
        match = _NAME.match(path.name)
        if match:
            at = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
            found.append(Backup(path, at, match.group(2)))
    return sorted(found, key=lambda b: b.at, reverse=True)


def find(db: Path, which: str) -> Backup:
    """A backup by its number in `listing` (1 = newest) or its file name; KeyError if none."""
    found = listing(db)
    if which.isdigit() and 1 <= int(which) <= len(found):
        return found[int(which) - 1]
    for backup in found:
        if backup.name == which or backup.name == f"{which}.duckdb":
            return backup
    raise KeyError(which)
