"""The write path of a database FILE: copy, write, check, swap.

Readers (the dashboard, `check`, a load's own validation) hold read-only
handles on the live file; DuckDB lets one process write a file OR many read
it, never both, so a write never touches the live file. Under the advisory
lock of fivebarriers.store.locking it copies the file in the kernel
(copy_file_range: no bytes pass through this process, about 0.1 s for
280 MB in the page cache), flushes the copy to disk in the background while
it writes the copy in one transaction, checkpoints it, and os.replace()s it
over the live file. Readers keep the file they opened and
reopen when its identity changes; none ever sees a half-written state.

Three things a bare copy-and-swap gets wrong, handled here:

* A stale WAL. A read-write session that crashed leaves `<db>.wal`, which
  every later open replays. The copy takes the WAL with it (so its commits
  are kept), and before the swap the live WAL is renamed aside to
  `<db>.wal.swap-<inode of db>`: a crash before the swap leaves the old file
  whose WAL is renamed back by the next write (`recover`); a crash after it
  leaves the new file, and the aside copy is simply deleted. The inode in the
  name tells which of the two happened.
* Mode and owner. os.replace keeps the new file's, so the copy gets the live
  file's mode and owner before the swap; a load that could not give the file
  back to its owner is refused before anything is written. A read-only file
  is refused, not replaced.
* The file replaced by a build, an undo, an upgrade or a restore is kept as a
  backup (a hard link to the old inode: free) by fivebarriers.store.backups.

An operating-system failure on the way (a full disk, a read-only file
system, a file that vanished) ends the write with a one-line BackendError;
the live file is untouched until the swap, and os.replace is atomic.
"""

from __future__ import annotations

import errno
import os
import pwd
import shutil
import stat
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

import duckdb

from fivebarriers.store import backups
from fivebarriers.store.locking import exclusive_lock
from fivebarriers.store.target import NO_FETCH, BackendError, attach_files, sql_literal

T = TypeVar("T")

# The catalog a write's copy is attached as: quoted, with a slash, which no
# file name (and so no catalog DuckDB names after a file) can hold.
WRITE_ALIAS = '"fivebarriers/writing"'
# A write's copy sits beside the live file as <name>.tmp-<pid>-<thread>.
COPY_SUFFIX = ".tmp-"
# The live WAL, renamed aside during a swap: <name>.wal.swap-<inode of the live file>.
WAL_ASIDE = ".wal.swap-"


def wal_path(db: Path) -> Path:
    return Path(f"{db}.wal")


def reached(stage: str) -> None:
    """A named step of a write (copied, committed, checkpointed, wal-aside,
    backed-up, swapped). It does nothing; the crash tests replace it to kill a
    writer at each step and show the file survives."""


def copy_file(source: Path, dest: Path) -> None:
    """Copy in the kernel: copy_file_range (a reflink where the file system
    has them), falling back to sendfile via shutil."""
    with open(source, "rb") as src, open(dest, "wb") as dst:
        size, done = os.fstat(src.fileno()).st_size, 0
        try:
            while done < size:
                copied = os.copy_file_range(src.fileno(), dst.fileno(), size - done)
                if copied == 0:
                    break
                done += copied
        except OSError:
            done = -1
    if done != size:
        shutil.copyfile(source, dest)


def recover(db: Path) -> None:
    """Under the lock, before any write: clear what a crashed write left.
    Copies are deleted; a WAL renamed aside goes back if the swap never
    happened (the live file is still the inode it belongs to), else it is
    already folded into the live file and is deleted."""
    for leftover in db.parent.glob(f"{db.name}{COPY_SUFFIX}*"):
        if leftover.is_dir():  # a copy's spill folder (spill_folder)
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    for aside in db.parent.glob(f"{db.name}{WAL_ASIDE}*"):
        inode = aside.name.rsplit("-", 1)[-1]
        if db.exists() and str(db.stat().st_ino) == inode:
            if wal_path(db).exists():
                # A newer WAL appeared meanwhile (a foreign read-write session):
                # keep both, never replay one on top of the other.
                aside.rename(db.with_name(f"{db.name}.wal.orphan-{inode}"))
            else:
                os.replace(aside, wal_path(db))
        else:
            aside.unlink(missing_ok=True)


def _owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user {uid}"


def refuse_if_not_writable(db: Path) -> os.stat_result:
    """The live file's stat, or BackendError if this process must not replace it:
    a read-only file, a folder it cannot write in, or an owner it cannot keep."""
    st = db.stat()
    if not st.st_mode & 0o222 or not os.access(db, os.W_OK):
        raise BackendError(
            f"{db} is read-only (mode {stat.S_IMODE(st.st_mode):04o}, owner {_owner_name(st.st_uid)}): "
            "nothing was changed; to write to it, make it writable (chmod u+w) or use another file"
        )
    if not os.access(db.parent, os.W_OK | os.X_OK):
        raise BackendError(f"cannot write in {db.parent} (the folder of {db.name}): nothing was changed")
    euid = os.geteuid()
    if euid != 0 and (st.st_uid != euid or st.st_gid not in {os.getegid(), *os.getgroups()}):
        raise BackendError(
            f"{db} belongs to {_owner_name(st.st_uid)}; a write by {_owner_name(euid)} would hand the "
            f"file to {_owner_name(euid)} and could lock the dashboard out: run it as "
            f"{_owner_name(st.st_uid)}; nothing was changed"
        )
    return st


def _keep_identity(tmp: Path, like: os.stat_result) -> None:
    os.chmod(tmp, stat.S_IMODE(like.st_mode))
    now = tmp.stat()
    if (now.st_uid, now.st_gid) != (like.st_uid, like.st_gid):
        os.chown(tmp, like.st_uid, like.st_gid)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def swap_in(tmp: Path, db: Path, backup: str | None) -> Path | None:
    """Replace `db` by the finished `tmp`; return the backup kept, if any."""
    aside = None
    kept = None
    if db.exists():
        if wal_path(db).exists():
            aside = db.with_name(f"{db.name}{WAL_ASIDE}{db.stat().st_ino}")
            os.replace(wal_path(db), aside)
            reached("wal-aside")
        if backup:
            kept = backups.keep(db, aside, backup)
            reached("backed-up")
    os.replace(tmp, db)
    reached("swapped")
    _fsync_folder(db.parent)
    if aside is not None:
        aside.unlink(missing_ok=True)
    if kept is not None:
        backups.prune(db)
    return kept


def file_write(
    db: Path,
    fn: Callable[[duckdb.DuckDBPyConnection], T],
    *,
    fresh: bool,
    wait: bool,
    attach: Mapping[str, Path],
    backup: str | None = None,
    start_from: Path | None = None,
) -> T:
    """One all-or-nothing write of the file `db` (see the module doc).
    `fresh`: start from an empty file; `start_from`: start from a copy of
    that file (restore); `backup`: keep the replaced file, labelled so."""
    with exclusive_lock(db, wait=wait):  # it makes the folder, or says in one line why not
        try:
            return _write_locked(db, fn, fresh=fresh, attach=attach, backup=backup, start_from=start_from)
        except OSError as exc:
            raise BackendError(_os_failure(db, exc)) from exc


def _os_failure(db: Path, exc: OSError) -> str:
    """One line for an operating-system failure during a write."""
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno == errno.EROFS:
        why = "the file system is read-only"
    else:
        why = exc.strerror or type(exc).__name__
    where = f" ({exc.filename})" if exc.filename else ""
    return f"the write of {db} stopped: {why}{where}; nothing was changed"


def _write_locked(
    db: Path,
    fn: Callable[[duckdb.DuckDBPyConnection], T],
    *,
    fresh: bool,
    attach: Mapping[str, Path],
    backup: str | None,
    start_from: Path | None,
) -> T:
    recover(db)
    if not fresh and start_from is None and not db.exists():
        raise BackendError(f"no database at {db}: run `fivebarriers build` first")
    live = refuse_if_not_writable(db) if db.exists() else None
    if backup and live is not None:
        backups.check_folder(db)
    tmp = db.with_name(f"{db.name}{COPY_SUFFIX}{os.getpid()}-{threading.get_ident()}")
    source = start_from if start_from is not None else (None if fresh else db)
    try:
        flushing = None
        if source is not None:
            copy_file(source, tmp)
            if wal_path(source).exists():
                copy_file(wal_path(source), wal_path(tmp))
            reached("copied")
            flushing = _flush_in_background(tmp)
        con = _open_copy(tmp)
        try:
            attach_files(con, attach)
            if source is None:
                # A private new file: no transaction needed, and a 10M-row
                # synth would only grow the transaction's undo state.
                result = fn(con)
            else:
                con.execute("begin transaction")
                try:
                    result = fn(con)
                    con.execute("commit")
                except BaseException:
                    _rollback(con)
                    raise
            reached("committed")
            if flushing is not None:
                flushing.join()
            con.execute("checkpoint " + WRITE_ALIAS)
        finally:
            con.close()
        reached("checkpointed")
        if live is not None:
            _keep_identity(tmp, live)
        swap_in(tmp, db, backup)
    finally:
        tmp.unlink(missing_ok=True)
        wal_path(tmp).unlink(missing_ok=True)
        shutil.rmtree(spill_folder(tmp), ignore_errors=True)
    return result


def spill_folder(tmp: Path) -> Path:
    """The copy's spill folder: its name starts like the copy's, so `recover`
    clears one a crash left."""
    return Path(f"{tmp}.spill")


def _open_copy(tmp: Path) -> duckdb.DuckDBPyConnection:
    """The copy, attached under an alias no file name can take. Opened
    directly, its catalog would be named after the file (`search.duckdb`
    gives `search`, which clashes with the search index's schema; `old`
    with an upgrade's attached file)."""
    con = duckdb.connect(config=NO_FETCH)
    try:
        con.execute("attach " + sql_literal(str(tmp)) + " as " + WRITE_ALIAS)
        con.execute("use " + WRITE_ALIAS)
        # Where DuckDB spills when a write reaches its memory limit: beside the
        # copy (its folder is writable, refuse_if_not_writable), not the
        # process's working folder (DuckDB's '.tmp' default). SET takes no parameter.
        con.execute("set temp_directory = " + sql_literal(str(spill_folder(tmp))))
    except BaseException:
        con.close()
        raise
    return con


def _flush_in_background(path: Path) -> threading.Thread:
    """Start writing the fresh copy to disk while the write runs. The copy is
    all dirty pages (the whole file), which the checkpoint's fsync would
    otherwise write in one wait at the end (about 0.2 s of a 100-row load at
    10M); flushed beside the write's own work, the checkpoint finds little
    left to write. The write's own pages are flushed by its checkpoint."""

    def flush() -> None:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return  # the copy is gone (a failed write): nothing to flush
        try:
            os.fdatasync(fd)
        except OSError:
            pass  # the checkpoint's own fsync reports a real failure
        finally:
            os.close(fd)

    thread = threading.Thread(target=flush, name="flush-copy", daemon=True)
    thread.start()
    return thread


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass  # no transaction open any more: nothing to undo
