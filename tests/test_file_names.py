"""A database file works whatever it is called (issue 24, item 5; security
review rows 36 and 43). DuckDB names a file's catalog after it: a write that
opened `old.duckdb` directly clashed with the upgrade's attached `old`, and
one that opened `search.duckdb` with the search index's schema `search`."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from fivebarriers.cli.main import main
from fivebarriers.data import ingest
from tests.test_ingest import outputs_csv, scalar
from tests.test_upgrade import OLD_RELEASES, history, loaded_rows
from tests.test_write_safety import assert_checks_pass

FIRST_RELEASE = Path(__file__).resolve().parent / "old_releases" / "2026-11-28-b9e6a5d.duckdb.gz"


def test_the_first_release_is_kept():
    assert FIRST_RELEASE in OLD_RELEASES


@pytest.mark.parametrize("name", ["old.duckdb", "search.duckdb", "main.duckdb"])
@pytest.mark.slow
def test_a_first_release_file_upgrades_whatever_it_is_called(name: str, tmp_path: Path, capsys):
    db = tmp_path / name
    with gzip.open(FIRST_RELEASE, "rb") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    kept_history, kept_rows = history(db), loaded_rows(db)
    assert main(["upgrade", "--db", str(db)]) == 0, capsys.readouterr().err
    assert f"upgraded {db}" in capsys.readouterr().out
    assert history(db) == kept_history
    assert loaded_rows(db) == kept_rows
    assert_checks_pass(db)


@pytest.mark.slow
def test_build_ingest_and_undo_work_on_a_file_called_search(tmp_path: Path, capsys):
    db = tmp_path / "search.duckdb"
    assert main(["build", "--db", str(db)]) == 0, capsys.readouterr().err
    report = ingest.ingest(outputs_csv(tmp_path / "wave2.csv", prefix="search-file"), db=db)
    assert report.loaded, report.lines()
    assert scalar(db, "select count(*) from outputs where output_id like 'search-file-%'") == 3
    assert main(["check", "--db", str(db)]) == 0, capsys.readouterr().err
    assert main(["undo", report.batch_id, "--db", str(db)]) == 0, capsys.readouterr().err
    assert scalar(db, "select count(*) from outputs where output_id like 'search-file-%'") == 0
