"""`fivebarriers ingest | batches | undo | hash-password`: exit codes and messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fivebarriers import auth
from fivebarriers.cli.main import main
from fivebarriers.config import ROOT
from tests.test_ingest import BAD, db_checksum, outputs_csv, scalar


@pytest.mark.slow
def test_ingest_batches_undo_round_trip(fresh_db: Path, tmp_path: Path, capsys):
    path = outputs_csv(tmp_path / "wave2.csv")
    assert main(["ingest", str(path), "--db", str(fresh_db), "--by", "Ana"]) == 0
    out = capsys.readouterr().out
    batch = scalar(fresh_db, "select batch_id from ingest_batches")
    assert out.splitlines()[-1] == (
        f"loaded 3 rows into outputs from wave2.csv as batch {batch}; "
        f"to take them out again: fivebarriers undo {batch}"
    )
    assert "note: detected table outputs from the header" in out

    assert main(["batches", "--db", str(fresh_db)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].startswith("batch")
    assert (
        batch in listing[1] and "Ana" in listing[1] and "loaded" in listing[1] and "wave2.csv" in listing[1]
    )

    assert main(["undo", batch, "--db", str(fresh_db)]) == 0
    assert capsys.readouterr().out.strip() == f"undone batch {batch}: removed 3 rows from outputs"
    assert main(["batches", "--db", str(fresh_db)]) == 0
    assert "undone" in capsys.readouterr().out


def test_ingest_with_problems_exits_one_and_lists_them(fresh_db: Path, capsys):
    before = db_checksum(fresh_db)
    assert main(["ingest", str(BAD / "over_550_in_number.csv"), "--db", str(fresh_db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "over_550_in_number.csv, row 2, column actual: 'over 550' mixes a word and a number: "
        "put 550 in actual and 'over' in qualifier",
        "error: 1 problem(s) in over_550_in_number.csv; nothing was loaded "
        "(fix them and run the command again)",
    ]
    assert db_checksum(fresh_db) == before


def test_dry_run_reports_and_changes_nothing(fresh_db: Path, tmp_path: Path, capsys):
    before = db_checksum(fresh_db)
    assert main(["ingest", str(outputs_csv(tmp_path / "w.csv")), "--db", str(fresh_db), "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "dry run: 3 rows of outputs in w.csv passed every check; nothing was changed"
    )
    assert db_checksum(fresh_db) == before


def test_one_line_errors(fresh_db: Path, tmp_path: Path, capsys):
    cases = [
        (["undo", "no-such-batch", "--db", str(fresh_db)], "error: no batch 'no-such-batch'"),
        (["ingest", str(tmp_path / "nope.csv"), "--db", str(fresh_db)], "no file at"),
        (
            ["ingest", str(outputs_csv(tmp_path / "w.csv")), "--db", str(fresh_db), "--table", "barriers"],
            "'barriers' cannot be loaded: choose one of outputs",
        ),
        (
            ["ingest", str(outputs_csv(tmp_path / "w.csv")), "--db", str(tmp_path / "none.duckdb")],
            "error: no database at",
        ),
        (["batches", "--db", str(tmp_path / "none.duckdb")], "error: no database at"),
    ]
    for argv, fragment in cases:
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert fragment in err, (argv, err)
        assert err.strip().splitlines()[-1].startswith("error: ")


def test_batches_when_nothing_was_loaded(fresh_db: Path, capsys):
    assert main(["batches", "--db", str(fresh_db)]) == 0
    assert capsys.readouterr().out.strip() == "no loads yet: add data with `fivebarriers ingest FILE`"


@pytest.mark.slow  # the command line as a process
def test_cli_process_has_no_traceback_for_a_bad_file(fresh_db: Path):
    result = subprocess.run(
        [sys.executable, "-m", "fivebarriers", "ingest", str(BAD / "empty.csv"), "--db", str(fresh_db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "empty.csv: the file is empty (0 bytes): export your spreadsheet again",
        "error: 1 problem(s) in empty.csv; nothing was loaded (fix them and run the command again)",
    ]


@pytest.mark.slow  # the command line as processes
def test_hash_password_prints_a_configuration_line():
    result = subprocess.run(
        [sys.executable, "-m", "fivebarriers", "hash-password"],
        input="a long enough secret\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith('upload_password_hash = "scrypt$') and line.endswith('"')
    stored = line.split('"')[1]
    assert auth.verify("a long enough secret", stored)
    assert "a long enough secret" not in result.stdout + result.stderr
    assert auth.ENV_HASH in result.stderr

    short = subprocess.run(
        [sys.executable, "-m", "fivebarriers", "hash-password"],
        input="short\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert short.returncode == 1
    assert short.stderr.strip() == "error: the password is too short: use at least 10 characters"


def test_batches_history_on_a_file_says_there_is_none(fresh_db: Path, capsys):
    assert main(["batches", "--history", "--db", str(fresh_db)]) == 0
    assert capsys.readouterr().out.strip() == (
        "a database file keeps no snapshot history: `fivebarriers batches` lists every load"
    )
