"""One writer at a time per database file, across processes.

DuckDB's own file lock only covers an open connection; builds and loads
write a copy and swap it in, so they take this advisory lock on
`<db>.lock` for the whole copy-write-replace."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


class LockBusy(Exception):
    """Another process is writing this database."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextlib.contextmanager
def exclusive_lock(db: Path, wait: bool = True) -> Iterator[None]:
    db.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(fd, flags)
        except BlockingIOError as exc:
            raise LockBusy(f"another process is writing {db.name}; try again when it has finished") from exc
        yield
    finally:
        os.close(fd)
