"""The file write path under the red team's attacks (issue 19, items 1 and 6):
a stale WAL left by a crashed read-write session, a writer killed at every
step of a write, and a swap that must keep the file's mode and owner and
never replace a read-only file. Each test reproduces the review's attack."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from fivebarriers.config import ROOT
from fivebarriers.data import build, ingest
from fivebarriers.data.check import run_checks
from fivebarriers.store import filewrite
from tests.test_ingest import db_checksum, open_ro, outputs_csv, scalar

# A read-write session that commits one row and dies before any checkpoint:
# the row lives only in <db>.wal, which every later open replays.
CRASHED_SESSION = """
    import os, sys, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("insert into build_info values ('crash-marker', 'committed by a session that crashed')")
    os._exit(9)
"""

# A writer killed (kill -9 equivalent: no cleanup, no destructors) at one step.
KILLED_AT = """
    import os, sys
    from fivebarriers.store import filewrite
    db, batch, stage = sys.argv[1:4]

    def die_at(name):
        if name == stage:
            os._exit(9)

    filewrite.reached = die_at
    from fivebarriers.data import ingest
    ingest.undo(batch, db=db)
    print("finished without reaching", stage)
"""

STAGES = ["copied", "committed", "checkpointed", "wal-aside", "backed-up", "swapped"]


def run_child(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def leave_stale_wal(db: Path) -> None:
    child = run_child(CRASHED_SESSION, str(db))
    assert child.returncode == 9, child.stderr
    assert filewrite.wal_path(db).exists(), "the crashed session left no WAL: the attack did not happen"


def markers(db: Path) -> int:
    return scalar(db, "select count(*) from build_info where key = 'crash-marker'")


def loaded(db: Path, prefix: str) -> int:
    return scalar(db, "select count(*) from outputs where output_id like $p", {"p": f"{prefix}-%"})


def no_leftovers(db: Path) -> list[str]:
    return sorted(
        p.name
        for p in db.parent.iterdir()
        if p.name.startswith(db.name + ".") and not p.name.endswith((".lock", ".backups"))
    )


def assert_checks_pass(db: Path) -> None:
    con = open_ro(db)
    try:
        assert run_checks(con) == []
    finally:
        con.close()


# --- stale WAL -----------------------------------------------------------------------------


def test_a_stale_wal_is_folded_in_once_and_never_replayed_again(fresh_db: Path, tmp_path: Path):
    """Review row 72: the old write path copied the WAL into the new file and
    left it beside it too, so every later open replayed it a second time."""
    leave_stale_wal(fresh_db)
    first = ingest.ingest(outputs_csv(tmp_path / "a.csv", prefix="after-crash"), db=fresh_db)
    assert first.loaded
    assert not filewrite.wal_path(fresh_db).exists()
    second = ingest.ingest(outputs_csv(tmp_path / "b.csv", prefix="next-load"), db=fresh_db)
    assert second.loaded
    assert markers(fresh_db) == 1  # the crashed session's commit is kept, once
    assert loaded(fresh_db, "after-crash") == 3 and loaded(fresh_db, "next-load") == 3
    assert no_leftovers(fresh_db) == []
    assert_checks_pass(fresh_db)


def test_a_build_over_a_stale_wal_leaves_no_wal_to_replay(fresh_db: Path, tmp_path: Path):
    leave_stale_wal(fresh_db)
    build.build(fresh_db)
    assert not filewrite.wal_path(fresh_db).exists()
    assert markers(fresh_db) == 0  # a build starts from data/ only
    assert_checks_pass(fresh_db)


@pytest.mark.slow  # a writer process killed at each step
@pytest.mark.parametrize("stage", STAGES)
def test_a_writer_killed_at_any_step_loses_nothing_and_replays_nothing(
    stage: str, fresh_db: Path, tmp_path: Path
):
    report = ingest.ingest(outputs_csv(tmp_path / "a.csv", prefix="kept"), db=fresh_db)
    assert report.loaded
    leave_stale_wal(fresh_db)

    child = run_child(KILLED_AT, str(fresh_db), report.batch_id, stage)
    assert child.returncode == 9, f"the writer was not killed at {stage}: {child.stdout} {child.stderr}"

    # Whatever the step, the live file opens and holds either the old state or the new one.
    swapped = stage == "swapped"
    assert loaded(fresh_db, "kept") == (0 if swapped else 3)
    # The next write finishes or undoes what the killed one left, then works as usual.
    after = ingest.ingest(outputs_csv(tmp_path / "b.csv", prefix="after"), db=fresh_db)
    assert after.loaded
    assert markers(fresh_db) == 1, "the crashed session's row was lost or replayed twice"
    assert loaded(fresh_db, "kept") == (0 if swapped else 3)
    assert loaded(fresh_db, "after") == 3
    assert not filewrite.wal_path(fresh_db).exists()
    assert no_leftovers(fresh_db) == []
    assert_checks_pass(fresh_db)


# --- mode, owner, read-only ----------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
def test_every_swap_keeps_the_mode(fresh_db: Path, tmp_path: Path):
    """Review row 71: `chmod 600 db; fivebarriers ingest` left the database at 0644.
    Each kind of swap (a load, an undo, a build from nothing) keeps a mode
    the one before it did not have: three writes, where each mode through
    each kind took nine."""
    os.chmod(fresh_db, 0o600)
    report = ingest.ingest(outputs_csv(tmp_path / "a.csv"), db=fresh_db)
    assert report.loaded and mode(fresh_db) == 0o600
    os.chmod(fresh_db, 0o640)
    ingest.undo(report.batch_id, db=fresh_db)
    assert mode(fresh_db) == 0o640
    os.chmod(fresh_db, 0o664)
    build.build(fresh_db)
    assert mode(fresh_db) == 0o664


def test_a_restrictive_umask_does_not_lock_the_dashboard_out(fresh_db: Path, tmp_path: Path):
    """Review row 71: under umask 077 the swapped-in file became 0600."""
    os.chmod(fresh_db, 0o644)
    old = os.umask(0o077)
    try:
        assert ingest.ingest(outputs_csv(tmp_path / "a.csv"), db=fresh_db).loaded
    finally:
        os.umask(old)
    assert mode(fresh_db) == 0o644


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_every_swap_keeps_the_owner(fresh_db: Path, tmp_path: Path):
    nobody = 65534
    os.chown(fresh_db, nobody, nobody)
    report = ingest.ingest(outputs_csv(tmp_path / "a.csv"), db=fresh_db)
    assert report.loaded
    st = fresh_db.stat()
    assert (st.st_uid, st.st_gid) == (nobody, nobody)


def test_a_read_only_file_is_refused_not_replaced(fresh_db: Path, tmp_path: Path):
    """Review row 71: a 0444 database was silently replaced."""
    os.chmod(fresh_db, 0o444)
    before, inode = db_checksum(fresh_db), fresh_db.stat().st_ino
    with pytest.raises(ingest.IngestError, match="read-only"):
        ingest.ingest(outputs_csv(tmp_path / "a.csv"), db=fresh_db)
    with pytest.raises(Exception, match="read-only"):
        build.build(fresh_db)
    assert fresh_db.stat().st_ino == inode and mode(fresh_db) == 0o444
    assert db_checksum(fresh_db) == before


NO_SETPRIV = os.geteuid() != 0 or not Path("/usr/bin/setpriv").exists()


@pytest.mark.slow  # the command line as another user
@pytest.mark.skipif(NO_SETPRIV, reason="needs root and setpriv")
def test_a_load_by_another_user_is_refused_before_it_takes_the_file_over(built_db: Path):
    """Review row 71: a load by the analyst handed the dashboard's file to the analyst."""
    # Not under tmp_path: pytest's temporary root is private to root (0700).
    folder = Path(tempfile.mkdtemp(prefix="fivebarriers-owner-"))
    os.chmod(folder, 0o777)
    try:
        _load_as_nobody(folder, built_db)
    finally:
        shutil.rmtree(folder)


def _load_as_nobody(folder: Path, built_db: Path) -> None:
    db = folder / "fivebarriers.duckdb"
    db.write_bytes(built_db.read_bytes())
    os.chmod(db, 0o666)  # group- and world-writable, owned by root
    sample = outputs_csv(folder / "a.csv")
    os.chmod(sample, 0o644)
    before = db_checksum(db)
    child = subprocess.run(
        [
            "/usr/bin/setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            sys.executable,
            "-m",
            "fivebarriers",
            "ingest",
            str(sample),
            "--db",
            str(db),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(folder)},
    )
    assert child.returncode == 1, child.stdout + child.stderr
    assert "belongs to root" in child.stderr and "nothing was changed" in child.stderr
    assert db.stat().st_uid == 0 and db_checksum(db) == before


def test_the_copy_is_flushed_beside_the_write_and_before_its_checkpoint(
    fresh_db: Path, tmp_path: Path, monkeypatch
):
    """The fresh copy (the whole file, all dirty pages) is written to disk in
    the background while the write runs, and has been by the checkpoint, so
    the checkpoint's fsync no longer waits for it; a load still lands whole."""
    events: list[str] = []
    real_fdatasync = os.fdatasync

    def fdatasync(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}")
        real_fdatasync(fd)
        if filewrite.COPY_SUFFIX in Path(target).name:
            events.append("copy flushed")

    monkeypatch.setattr(os, "fdatasync", fdatasync)
    monkeypatch.setattr(filewrite, "reached", events.append)
    report = ingest.ingest(outputs_csv(tmp_path / "a.csv", n=2, prefix="flushed"), db=fresh_db)
    assert report.loaded
    assert events.index("copied") < events.index("copy flushed") < events.index("checkpointed")
    assert scalar(fresh_db, "select count(*) from outputs where output_id like 'flushed-%'") == 2
