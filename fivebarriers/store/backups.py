"""Backups of the files that builds, undos, upgrades and restores replace.

The write path (filewrite.swap_in) keeps the replaced file as a hard link in
`<db>.backups/` just before the swap: the old inode simply gets a second
name, so a backup costs no copy and no time, and it has the old file's mode
and owner. Only the newest FIVEBARRIERS_BACKUPS (default 5) are kept; 0
keeps none. A load keeps no backup: undo takes it back out.

`fivebarriers restore` lists them and brings one back (through the same
write path, so the file it replaces is itself kept as a backup)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

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


def keep(db: Path, wal: Path | None, operation: str) -> Path | None:
    """Keep the live `db` (and the WAL that belongs to it) as a backup; prune
    the oldest beyond how_many(). Called under the writer lock."""
    count = how_many()
    if count == 0:
        return None
    where = folder(db)
    where.mkdir(mode=0o700, exist_ok=True)
    label = re.sub(r"[^a-z0-9-]+", "-", operation.lower()).strip("-") or "write"
    path = where / f"{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S-%f}-{label}.duckdb"
    _link_or_copy(db, path)
    if wal is not None:
        _link_or_copy(wal, Path(f"{path}.wal"))
    for old in listing(db)[count:]:
        old.path.unlink(missing_ok=True)
        Path(f"{old.path}.wal").unlink(missing_ok=True)
    return path


def listing(db: Path) -> list[Backup]:
    """Every backup of `db`, newest first."""
    where = folder(db)
    if not where.is_dir():
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
