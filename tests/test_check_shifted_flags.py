"""Loads an older version may have stored wrongly are named, with what to run
(issue 24, item 2). Before the fix each row's true/false was stored from the
row typed 2 below it; every load since records loader_version, so `check`
and `upgrade` can tell the loads to make again from the ones to trust."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb
import pytest

from fivebarriers.cli.main import main
from fivebarriers.data import ingest
from tests.test_file_names import FIRST_RELEASE
from tests.test_ingest import outputs_csv, scalar


def _as_if_loaded_before_the_fix(db: Path, batch_id: str) -> None:
    """What an upgraded file's older loads look like: no loader recorded."""
    con = duckdb.connect(str(db))
    try:
        con.execute("update ingest_batches set loader_version = null where batch_id = $b", {"b": batch_id})
    finally:
        con.close()


@pytest.mark.slow
def test_a_load_before_the_fix_is_named_with_how_to_load_it_again(fresh_db: Path, tmp_path: Path, capsys):
    report = ingest.ingest(outputs_csv(tmp_path / "wave2.csv", prefix="flags"), db=fresh_db)
    assert report.loaded, report.lines()
    assert (
        scalar(
            fresh_db, "select loader_version from ingest_batches where batch_id = $b", {"b": report.batch_id}
        )
        == 2
    )
    assert main(["check", "--db", str(fresh_db)]) == 0
    assert "to make again" not in capsys.readouterr().out  # loaded by this version: nothing to say

    _as_if_loaded_before_the_fix(fresh_db, report.batch_id)
    assert main(["check", "--db", str(fresh_db)]) == 0  # the honesty rules still hold
    out = capsys.readouterr().out
    assert "1 load to make again" in out
    assert f"batch {report.batch_id}: the 3 rows loaded from wave2.csv" in out
    assert "3 of them have a goal_same_measure that may belong to another row" in out
    assert f"fivebarriers undo {report.batch_id}, then fivebarriers ingest wave2.csv" in out

    # Done as it says: the load made again is no longer named.
    assert main(["undo", report.batch_id, "--db", str(fresh_db)]) == 0
    assert ingest.ingest(tmp_path / "wave2.csv", db=fresh_db).loaded
    capsys.readouterr()
    assert main(["check", "--db", str(fresh_db)]) == 0
    assert "to make again" not in capsys.readouterr().out


def test_upgrading_the_first_release_names_its_loads_of_results(tmp_path: Path, capsys):
    db = tmp_path / "old.duckdb"
    with gzip.open(FIRST_RELEASE, "rb") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    outputs_batch = scalar(
        db, "select batch_id from ingest_batches where outcome = 'loaded' and table_name = 'outputs'"
    )
    assert main(["upgrade", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "1 load to make again" in out  # its pilots load has no true/false column
    assert f"batch {outputs_batch}: the 2 rows loaded from outputs.csv on 28 November 2026" in out
    assert "dropped any value typed on the file's first 2 rows" in out


def test_a_file_kept_by_the_analyst_is_read_again_and_each_shifted_row_named(
    fresh_db: Path, tmp_path: Path, capsys
):
    wave = outputs_csv(tmp_path / "wave2.csv", prefix="kept")  # goal_same_measure true on rows 2-4
    report = ingest.ingest(wave, db=fresh_db)
    assert report.loaded, report.lines()
    # As the older version stored it: each row got the value typed 2 rows below.
    con = duckdb.connect(str(fresh_db))
    try:
        con.execute("update outputs set goal_same_measure = null where output_id in ('kept-1', 'kept-2')")
    finally:
        con.close()
    _as_if_loaded_before_the_fix(fresh_db, report.batch_id)
    capsys.readouterr()
    main(["check", "--db", str(fresh_db), "--file", str(wave), "--file", str(tmp_path / "gone.csv")])
    out = capsys.readouterr().out
    assert f"wave2.csv (batch {report.batch_id}): 2 values stored differently from the file" in out
    assert "row 3 (kept-1): goal_same_measure typed true, stored empty" in out
    assert "row 4 (kept-2): goal_same_measure typed true, stored empty" in out
    assert "row 2 (kept-0)" not in out
    assert f"gone.csv: no file at {tmp_path / 'gone.csv'}" in out
