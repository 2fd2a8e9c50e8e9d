"""Loads against other real processes: a foreign read-write DuckDB connection,
a load already in progress, two loads at once, a reader holding the file, and
a load killed half-way. Nothing is ever lost or half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fivebarriers.config import ROOT
from fivebarriers.data import ingest
from fivebarriers.store import db
from tests.test_ingest import db_checksum, outputs_csv, scalar

# Slow: every test here starts processes of its own; the whole suite runs it, --quick does not.
pytestmark = pytest.mark.slow


def spawn(code: str, *args: str) -> subprocess.Popen:
    """A Python child that prints 'ready' once it is in position."""
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    if line.strip() != "ready":
        proc.kill()
        raise AssertionError(f"child did not get ready: {line!r} {proc.stderr.read()}")
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)


HOLD_READ_WRITE = """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("ready", flush=True)
    time.sleep(120)
"""

HOLD_LOAD_LOCK = """
    import sys, time
    from pathlib import Path
    from fivebarriers.store.locking import exclusive_lock
    with exclusive_lock(Path(sys.argv[1])):
        print("ready", flush=True)
        time.sleep(120)
"""


def test_foreign_read_write_connection_is_named_and_nothing_changes(fresh_db: Path, tmp_path: Path):
    before = db_checksum(fresh_db)
    holder = spawn(HOLD_READ_WRITE, str(fresh_db))
    try:
        with pytest.raises(ingest.IngestError) as caught:
            ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=fresh_db)
        message = str(caught.value)
        assert message == (
            f"the database is open for writing by another program (PID {holder.pid}): close that program "
            "and try again; nothing was changed"
        )
        with pytest.raises(ingest.IngestError, match="open for writing by another program"):
            ingest.undo("any", db=fresh_db)
    finally:
        stop(holder)
    assert db_checksum(fresh_db) == before


def test_a_load_in_progress_makes_the_second_refuse(fresh_db: Path, tmp_path: Path):
    before = db_checksum(fresh_db)
    holder = spawn(HOLD_LOAD_LOCK, str(fresh_db))
    try:
        with pytest.raises(
            ingest.IngestError, match=r"another load \(or a build\) is in progress on fivebarriers\.duckdb"
        ):
            ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=fresh_db)
        cli = subprocess.run(
            [sys.executable, "-m", "fivebarriers", "ingest", str(tmp_path / "w.csv"), "--db", str(fresh_db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert cli.returncode == 1
        assert cli.stderr.strip().startswith("error: another load (or a build) is in progress")
        assert "Traceback" not in cli.stderr
    finally:
        stop(holder)
    assert db_checksum(fresh_db) == before


def test_two_loads_at_once_lose_no_rows(fresh_db: Path, tmp_path: Path):
    files = [outputs_csv(tmp_path / f"part{i}.csv", n=20_000, prefix=f"part{i}") for i in range(2)]
    before = scalar(fresh_db, "select count(*) from outputs")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "fivebarriers", "ingest", str(f), "--db", str(fresh_db), "--by", f"p{i}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, f in enumerate(files)
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    loaded = [i for i, (code, _, _) in enumerate(results) if code == 0]
    for code, out, err in results:
        assert code == 0 or "another load (or a build) is in progress" in err, (out, err)
    assert loaded, results
    assert scalar(fresh_db, "select count(*) from outputs") == before + 20_000 * len(loaded)
    assert scalar(fresh_db, "select count(*) from ingest_batches where outcome = 'loaded'") == len(loaded)
    for i in range(2):
        expected = 20_000 if i in loaded else 0
        assert scalar(
            fresh_db, "select count(*) from outputs where output_id like $p", {"p": f"part{i}-%"}
        ) == (expected)
    # whichever was refused loads fine afterwards
    for i in set(range(2)) - set(loaded):
        assert ingest.ingest(files[i], db=fresh_db).loaded


def test_a_reader_keeps_its_view_and_a_new_reader_sees_the_load(fresh_db: Path, tmp_path: Path):
    reader = spawn(
        """
        import sys, duckdb
        con = duckdb.connect(sys.argv[1], read_only=True)
        print("ready", flush=True)
        sys.stdin.readline()
        print(con.execute("select count(*) from outputs").fetchone()[0], flush=True)
        """,
        str(fresh_db),
    )
    try:
        before = scalar(fresh_db, "select count(*) from outputs")
        report = ingest.ingest(outputs_csv(tmp_path / "w.csv", n=7), db=fresh_db)
        assert report.loaded
        out, _ = reader.communicate(input="\n", timeout=60)
    finally:
        stop(reader)
    assert int(out.strip()) == before  # the open reader was never blocked nor disturbed
    assert scalar(fresh_db, "select count(*) from outputs") == before + 7


KILLED_MID_LOAD = """
    import sys, time
    from fivebarriers.data import ingest

    def pause(con):
        print("ready", flush=True)  # rows inserted into the copy, not committed
        time.sleep(120)

    ingest.run_checks = pause
    ingest.ingest(sys.argv[1], db=sys.argv[2])
"""


def test_a_load_killed_half_way_leaves_the_database_as_it_was(fresh_db: Path, tmp_path: Path):
    before = db_checksum(fresh_db)
    version = db.file_version(fresh_db)
    path = outputs_csv(tmp_path / "w.csv", n=50)
    child = spawn(KILLED_MID_LOAD, str(path), str(fresh_db))
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert db.file_version(fresh_db) == version
    assert db_checksum(fresh_db) == before
    leftovers = list(fresh_db.parent.glob(f"{fresh_db.name}{ingest.COPY_SUFFIX}*"))
    assert leftovers, "the killed load's copy is still there"
    report = ingest.ingest(path, db=fresh_db)  # the lock died with the process
    assert report.loaded
    assert scalar(fresh_db, "select count(*) from outputs where batch_id = $b", {"b": report.batch_id}) == 50
    assert not list(fresh_db.parent.glob(f"{fresh_db.name}{ingest.COPY_SUFFIX}*"))
