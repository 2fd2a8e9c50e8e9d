"""One writer at a time per database file, across processes.

DuckDB's own file lock only covers an open connection; builds and loads
write a copy and swap it in, so they take this advisory lock on
`<db>.lock` for the whole copy-write-replace.

The lock file belongs to the database, not to whoever wrote first: an
existing one is opened read-only (flock needs no more), and a new one gets
the database's owner, group and read bits, so a write run as root (or under
umask 077) never locks the dashboard's own user out. A folder where the lock
cannot be made (read-only, or a read-only file system) is a one-line
BackendError before anything else happens."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from fivebarriers.store.target import BackendError


class LockBusy(Exception):
    """Another process is writing this database."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def _open_lock(db: Path) -> int:
    path = lock_path(db)
    try:
        return os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BackendError(_cannot(db, path, exc)) from exc
    try:
        like = db.stat()
    except OSError:
        like = None
    mode = stat.S_IMODE(like.st_mode) & 0o666 | 0o400 if like else 0o644
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, mode)
    except OSError as exc:
        raise BackendError(_cannot(db, path, exc)) from exc
    if like is not None:
        try:
            os.fchmod(fd, mode)  # the umask must not narrow it
            os.fchown(fd, like.st_uid, like.st_gid)
        except PermissionError:
            pass  # not root: the lock is ours, as the file we write will be
    return fd


def _cannot(db: Path, path: Path, exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        why = "the file system is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why = "this user may not write in that folder"
    elif exc.errno == errno.ELOOP:
        why = "it is a symbolic link: move it away"
    else:
        why = exc.strerror or type(exc).__name__
    return f"cannot open the lock {path} for {db.name} ({why}); nothing was changed"


@contextlib.contextmanager
def exclusive_lock(db: Path, wait: bool = True) -> Iterator[None]:
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackendError(
            f"cannot make the folder {db.parent} ({exc.strerror}); nothing was changed"
        ) from exc
    fd = _open_lock(db)
    try:
        flags = fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(fd, flags)
        except BlockingIOError as exc:
            raise LockBusy(f"another process is writing {db.name}; try again when it has finished") from exc
        yield
    finally:
        os.close(fd)
