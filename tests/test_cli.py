"""The command line: exit codes, one-line messages, no tracebacks for user error."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from fivebarriers.cli.main import main
from fivebarriers.config import ROOT
from fivebarriers.data import tables, validate
from tests.conftest import loose_copy


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fivebarriers", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.mark.slow  # the command line as processes, building from scratch
def test_build_then_check_exit_zero(tmp_path: Path):
    db = tmp_path / "cli.duckdb"
    built = run_cli("build", "--db", str(db))
    assert built.returncode == 0, built.stderr
    assert "outputs" in built.stdout
    checked = run_cli("check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "check passed" in checked.stdout


def test_env_var_points_the_cli_at_a_database(tmp_path: Path, monkeypatch, capsys):
    # In process: the build above already proves the command as a process of its own.
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("FIVEBARRIERS_DB", str(db))
    assert main(["build"]) == 0, capsys.readouterr().err
    assert db.exists()


def test_check_on_missing_database_is_one_line(tmp_path: Path, capsys):
    code = main(["check", "--db", str(tmp_path / "nope.duckdb")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().count("\n") == 0
    assert "no database at" in err and "fivebarriers build" in err


def test_check_failure_lists_problems_and_exits_one(loose_db: Path, tmp_path: Path, capsys):
    db = loose_copy(loose_db, tmp_path)
    con = duckdb.connect(str(db))
    con.execute("update outputs set actual = 0, qualifier = 'exactly' where output_id = 'bodmin-referrals'")
    con.close()
    code = main(["check", "--db", str(db)])
    out = capsys.readouterr()
    assert code == 1
    assert "outputs [bodmin-referrals] not reported has a figure" in out.out
    assert "check failed: 1 problem(s)" in out.err


@pytest.mark.slow  # the command line as a process
def test_build_failure_exits_one_and_names_the_line(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    for path in (ROOT / "data").glob("*.csv"):
        (data / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    outputs = data / "outputs.csv"
    outputs.write_text(outputs.read_text(encoding="utf-8").replace("homes,,100,150,", "homes,,150,100,"))
    result = run_cli("build", "--db", str(tmp_path / "x.duckdb"), "--data", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "outputs.csv, line 7, column target_low" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: build failed: 1 problem(s)")


@pytest.mark.parametrize("table", tables.INGESTABLE)
def test_template_prints_a_valid_example(table, built_db: Path, capsys):
    assert main(["template", table]) == 0
    text = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == tables.user_columns(table)
    assert len(rows) == 2
    frame = pd.DataFrame([rows[1]], columns=rows[0], dtype="str").replace({"": None})
    typed = validate.convert(table, frame)
    con = duckdb.connect(str(built_db), read_only=True)
    known = {
        parent: {r[0] for r in con.table(parent).select(duckdb.ColumnExpression(key)).fetchall()}
        for (_, _), (parent, key) in tables.FOREIGN_KEYS.items()
    }
    con.close()
    problems = typed.problems + validate.foreign_keys(table, typed.frame, known)
    # Valid but for its marker (issue 16): the example row's ids start with `example-`.
    assert [p.row for p in problems] == [0]
    assert "the template's example row" in problems[0].message


def test_unknown_template_is_refused(capsys):
    assert main(["template", "recommendations"]) == 1
    assert "no template for 'recommendations'" in capsys.readouterr().err
