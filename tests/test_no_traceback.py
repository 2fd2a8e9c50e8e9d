"""No traceback, ever, on the command line; files it does not own (issue 30,
items 4 and 6; review of 2026-12-06, finding 8, rows 34 and 44-era Low rows:
51, 52, 61, 68, 69, 70, 48/49, 98, 100 of the earlier table). Each case is a
one-line message, exit 1 (130 for Ctrl-C), and the database left as it was.

Permission cases run as `nobody` through setpriv (the machine runs as root);
file-system cases mount a small tmpfs. Where that is impossible the test says
so with a skip reason, never silently."""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from fivebarriers.cli.main import main
from fivebarriers.config import ROOT
from fivebarriers.store import backups, filewrite, locking
from fivebarriers.workshop import deck
from tests.test_ingest import db_checksum, outputs_csv
from tests.test_write_safety import no_leftovers

NOBODY = 65534
AS_NOBODY = ["/usr/bin/setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
CAN_SETPRIV = os.geteuid() == 0 and Path(AS_NOBODY[0]).exists()


def cli(*args: str, as_nobody: bool = False, home: Path | None = None) -> subprocess.CompletedProcess:
    prefix = AS_NOBODY if as_nobody else []
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home or tempfile.gettempdir())}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "fivebarriers", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.fixture
def shared_folder(built_db: Path) -> Iterator[Path]:
    """A folder every user may enter (pytest's own is private to root), with a copy of the database."""
    folder = Path(tempfile.mkdtemp(prefix="fivebarriers-i30-"))
    os.chmod(folder, 0o777)
    shutil.copyfile(built_db, folder / "fivebarriers.duckdb")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def csv_for_all(folder: Path, name: str, prefix: str) -> Path:
    path = outputs_csv(folder / name, prefix=prefix)
    os.chmod(path, 0o644)
    return path


# --- finding 8: a write as root must not lock the owner out ------------------------------------------


@pytest.mark.slow  # the command line as processes
@pytest.mark.skipif(not CAN_SETPRIV, reason="needs root and setpriv to act as another user")
def test_a_write_as_root_leaves_the_lock_and_backups_to_the_owner(shared_folder: Path):
    """Review finding 8 / row 34: after root's ingest and undo, `nobody` (the
    dashboard's user, owner of the file) got PermissionError tracebacks."""
    db = shared_folder / "fivebarriers.duckdb"
    os.chown(db, NOBODY, NOBODY)
    os.chmod(db, 0o640)
    old = os.umask(0o077)  # and a restrictive umask, for good measure
    try:
        first = cli("ingest", str(csv_for_all(shared_folder, "a.csv", "root-a")), "--db", str(db))
        assert first.returncode == 0, first.stderr
        batch = first.stdout.split("as batch ")[1].split(";")[0]
        assert cli("undo", batch, "--db", str(db)).returncode == 0
    finally:
        os.umask(old)
    lock, kept = locking.lock_path(db).stat(), backups.folder(db).stat()
    assert (lock.st_uid, lock.st_gid) == (NOBODY, NOBODY)
    assert (kept.st_uid, kept.st_gid) == (NOBODY, NOBODY)
    mine = cli("ingest", str(csv_for_all(shared_folder, "b.csv", "owner-b")), "--db", str(db), as_nobody=True)
    assert mine.returncode == 0, mine.stderr
    batch = mine.stdout.split("as batch ")[1].split(";")[0]
    undone = cli("undo", batch, "--db", str(db), as_nobody=True)
    assert undone.returncode == 0, undone.stderr
    assert db.stat().st_uid == NOBODY


@pytest.mark.slow  # the command line as a process
@pytest.mark.skipif(not CAN_SETPRIV, reason="needs root and setpriv to act as another user")
def test_a_lock_root_made_earlier_is_opened_read_only(shared_folder: Path):
    """A lock left by an older release (root, 0644) is enough for flock: opened read-only."""
    db = shared_folder / "fivebarriers.duckdb"
    os.chown(db, NOBODY, NOBODY)
    locking.lock_path(db).write_text("")
    os.chmod(locking.lock_path(db), 0o644)
    loaded = cli(
        "ingest", str(csv_for_all(shared_folder, "a.csv", "ro-lock")), "--db", str(db), as_nobody=True
    )
    assert loaded.returncode == 0, loaded.stderr
    assert locking.lock_path(db).stat().st_uid == 0


@pytest.mark.slow  # the command line as a process
@pytest.mark.skipif(not CAN_SETPRIV, reason="needs root and setpriv to act as another user")
def test_a_read_only_folder_is_one_line(shared_folder: Path):
    """Earlier row 69: PermissionError traceback creating <db>.lock before any check."""
    db = shared_folder / "fivebarriers.duckdb"
    os.chmod(db, 0o666)
    sample = csv_for_all(shared_folder, "a.csv", "rofolder")
    os.chmod(shared_folder, 0o755)
    before = db_checksum(db)
    child = cli("ingest", str(sample), "--db", str(db), as_nobody=True)
    assert child.returncode == 1
    assert "cannot open the lock" in one_line(child.stderr) and "nothing was changed" in child.stderr
    assert db_checksum(db) == before


# --- files that cannot be read -------------------------------------------------------------------------


@pytest.mark.slow  # the command line as a process
@pytest.mark.skipif(not CAN_SETPRIV, reason="needs root and setpriv to act as another user")
def test_an_unreadable_file_is_one_line(shared_folder: Path):
    """Earlier row 52: PermissionError traceback (file 000, run as nobody)."""
    sample = csv_for_all(shared_folder, "secret.csv", "secret")
    os.chmod(sample, 0o000)
    child = cli(
        "ingest", str(sample), "--dry-run", "--db", str(shared_folder / "fivebarriers.duckdb"), as_nobody=True
    )
    assert child.returncode == 1
    assert "may not read it" in child.stderr and "Traceback" not in child.stderr, child.stderr


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("/proc/self/mem", "cannot read"),
        ("FOLDER", "is a folder, not a file"),
        ("FIFO", "not a regular file"),
        ("/dev/null", "not a regular file"),
    ],
)
def test_a_path_that_is_not_a_readable_file_is_named_for_what_it_is(
    given: str, words: str, fresh_db: Path, tmp_path: Path, capsys
):
    """Earlier rows 48, 49 ("no file at …" for a folder, a FIFO, /dev/null), 52 (/proc/self/mem)."""
    if given == "FOLDER":
        given = str(tmp_path)
    elif given == "FIFO":
        given = str(tmp_path / "pipe.csv")
        os.mkfifo(given)
    assert main(["ingest", given, "--dry-run", "--db", str(fresh_db)]) == 1
    out = capsys.readouterr()
    assert words in out.out + out.err and "no file at" not in out.out + out.err


def test_a_file_that_vanishes_mid_read_is_one_problem(fresh_db: Path, tmp_path: Path, monkeypatch, capsys):
    """Earlier row 51: a FileNotFoundError traceback when the file went between the check and the read."""
    sample = outputs_csv(tmp_path / "flaky.csv")
    real_open = io.open

    def vanishing(file, *args, **kwargs):
        if os.fspath(file) == str(sample):
            sample.unlink()  # gone after the check, before the read
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", vanishing)
    monkeypatch.setattr(builtins, "open", vanishing)
    assert main(["ingest", str(sample), "--dry-run", "--db", str(fresh_db)]) == 1
    out = capsys.readouterr()
    assert "moved or deleted while being read" in out.out + out.err


# --- interrupted, disk full, read-only file system ---------------------------------------------------

INTERRUPTED_AT_COPY = """
    import os, signal, sys
    from fivebarriers.store import filewrite

    # Python leaves Ctrl-C ignored when the process was started with it ignored
    # (a suite run in a background shell job): restore the usual handler.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def interrupt(stage):
        if stage == "copied":
            os.kill(os.getpid(), signal.SIGINT)

    filewrite.reached = interrupt
    from fivebarriers.cli.main import main
    sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow  # the command line as a process
def test_ctrl_c_during_the_write_is_one_line_and_exit_130(fresh_db: Path, tmp_path: Path):
    """Earlier row 61: KeyboardInterrupt / 'Query interrupted' tracebacks during the write."""
    before = db_checksum(fresh_db)
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(INTERRUPTED_AT_COPY),
            "ingest",
            str(outputs_csv(tmp_path / "a.csv")),
            "--db",
            str(fresh_db),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == 128 + signal.SIGINT == 130
    assert "interrupted" in one_line(child.stderr)
    assert db_checksum(fresh_db) == before and no_leftovers(fresh_db) == []


def test_duckdb_interrupting_a_query_is_one_line_and_exit_130(
    fresh_db: Path, tmp_path: Path, monkeypatch, capsys
):
    """DuckDB turns Ctrl-C inside a query into RuntimeError('Query interrupted')."""

    def interrupted(stage: str) -> None:
        if stage == "copied":
            raise RuntimeError("Query interrupted")

    monkeypatch.setattr(filewrite, "reached", interrupted)
    before = db_checksum(fresh_db)
    assert main(["ingest", str(outputs_csv(tmp_path / "a.csv")), "--db", str(fresh_db)]) == 130
    assert "interrupted" in one_line(capsys.readouterr().err)
    assert db_checksum(fresh_db) == before


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    where = Path(tempfile.mkdtemp(prefix="fivebarriers-tmpfs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if mounted.returncode != 0:
        where.rmdir()
        pytest.skip(
            f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()}): disk-full and read-only cases"
        )
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
        where.rmdir()


@pytest.mark.slow  # the command line as a process
@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_a_full_disk_is_one_line_and_the_file_is_unchanged(built_db: Path, tmp_path: Path):
    """Earlier row 68: with 15 MB or less free, OSError [Errno 28] traceback."""
    size = built_db.stat().st_size
    with tmpfs(f"{size + size // 2}") as where:  # room for the file, not for its copy
        db = where / "fivebarriers.duckdb"
        shutil.copyfile(built_db, db)
        before = db_checksum(db)
        child = cli("ingest", str(outputs_csv(tmp_path / "a.csv", prefix="full")), "--db", str(db))
        assert child.returncode == 1
        assert "nothing was changed" in one_line(child.stderr)
        assert db_checksum(db) == before and no_leftovers(db) == []


@pytest.mark.slow  # the command line as a process
@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
@pytest.mark.parametrize("lock_exists", [False, True])
def test_a_read_only_file_system_is_one_line(lock_exists: bool, built_db: Path, tmp_path: Path):
    """Earlier row 70: OSError [Errno 30] traceback creating the lock."""
    with tmpfs("64m") as where:
        db = where / "fivebarriers.duckdb"
        shutil.copyfile(built_db, db)
        if lock_exists:
            locking.lock_path(db).write_text("")
        before = db_checksum(db)
        assert subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True).returncode == 0
        child = cli("ingest", str(outputs_csv(tmp_path / "a.csv", prefix="ro")), "--db", str(db))
        assert child.returncode == 1
        assert "nothing was changed" in one_line(child.stderr)
        assert db_checksum(db) == before


# --- what reaches a terminal, and the deck's title --------------------------------------------------------


def test_terminal_escapes_in_file_names_and_by_are_shown_escaped(fresh_db: Path, tmp_path: Path, capsys):
    """Earlier row 100: the OSC title, line erase and colours printed raw by `batches` and `ingest`."""
    name = "w\x1b]0;PWNED\x07\x1b[2K\x1b[31mave.csv"
    sample = outputs_csv(tmp_path / name, prefix="esc")
    assert main(["ingest", str(sample), "--by", "\x1b[31mEve\x1b[0m", "--db", str(fresh_db)]) == 0
    assert main(["batches", "--db", str(fresh_db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert out.count("\\u001B]0;PWNED\\u0007") == 2  # the ingest line and the batches line
    assert "\\u001B[31mEve" in out


def test_a_deck_for_a_place_name_over_255_characters_builds(built_db: Path):
    """Earlier row 98: ValueError 'exceeded 255 char limit for property'."""
    from dataclasses import replace

    from fivebarriers.store.db import Database
    from fivebarriers.workshop import storyboard

    with Database(built_db) as db:
        story = storyboard.build_from_db(db)
    long = replace(story, focus="Upper " * 60 + "Wharfedale")
    from io import BytesIO

    from pptx import Presentation

    props = Presentation(BytesIO(deck.deck_bytes(long))).core_properties
    assert len(props.title) <= 255 and props.title.endswith("…")
    assert deck.core_title("short") == "short"
