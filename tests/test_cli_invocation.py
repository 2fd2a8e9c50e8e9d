"""The command line says commands the way the user ran it, and reads paths
from the folder the user was in (issue 24, item 5; UX review L7). `./dev cli`
changes to the repository first, and tells us both through the environment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fivebarriers.cli import invocation
from fivebarriers.cli.main import main
from tests.test_ingest import outputs_csv, scalar


@pytest.fixture
def through_dev(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As `../repo/dev cli …` run from a folder of the user's, while the
    process itself sits in another folder (the repository)."""
    mine = tmp_path / "analyst"
    mine.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    monkeypatch.chdir(repo)
    monkeypatch.setenv(invocation.ENV_PROG, "./dev cli")
    monkeypatch.setenv(invocation.ENV_CWD, str(mine))
    return mine


def test_a_load_through_dev_reads_paths_from_the_users_folder_and_says_dev_undo(
    through_dev: Path, built_db: Path, capsys
):
    shutil.copyfile(built_db, through_dev / "copy.duckdb")
    outputs_csv(through_dev / "wave2.csv", prefix="from-elsewhere")
    assert main(["ingest", "wave2.csv", "--db", "copy.duckdb"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    batch = out.rsplit(" ", 1)[-1].strip()
    assert f"to take them out again: ./dev cli undo {batch}" in out
    assert "fivebarriers undo" not in out
    assert (
        scalar(through_dev / "copy.duckdb", "select count(*) from outputs where batch_id = $b", {"b": batch})
        == 3
    )


def test_a_missing_file_names_the_full_path_looked_at(through_dev: Path, capsys):
    assert main(["ingest", "wave2.csv", "--db", "copy.duckdb"]) == 1
    err = capsys.readouterr().err
    assert f"no file at {through_dev / 'wave2.csv'}" in err


def test_messages_from_below_the_command_line_name_the_command_as_run(
    through_dev: Path, built_db: Path, capsys
):
    shutil.copyfile(built_db, through_dev / "copy.duckdb")
    assert main(["undo", "no-such-batch", "--db", "copy.duckdb"]) == 1
    err = capsys.readouterr().err
    assert "`./dev cli batches`" in err and "`fivebarriers batches`" not in err


def test_installed_the_command_is_fivebarriers_and_paths_are_from_here(
    tmp_path: Path, built_db: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.delenv(invocation.ENV_PROG, raising=False)
    monkeypatch.delenv(invocation.ENV_CWD, raising=False)
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(built_db, tmp_path / "copy.duckdb")
    outputs_csv(tmp_path / "wave2.csv", prefix="installed")
    assert main(["ingest", "wave2.csv", "--db", "copy.duckdb"]) == 0
    assert "to take them out again: fivebarriers undo " in capsys.readouterr().out
    assert main(["ingest", "gone.csv", "--db", "copy.duckdb"]) == 1
    assert f"no file at {tmp_path / 'gone.csv'}" in capsys.readouterr().err


def test_the_dev_script_tells_the_command_line_how_it_was_run():
    """./dev cli exports both before it runs us (it cannot be run here: it installs a venv)."""
    script = (Path(__file__).resolve().parent.parent / "dev").read_text()
    case = script.split("  cli)", 1)[1].split(";;", 1)[0]
    assert 'export FIVEBARRIERS_PROG="$0 cli"' in case
    assert "export FIVEBARRIERS_CWD=" in case
    assert case.index("FIVEBARRIERS_CWD") < case.index("exec")
