"""Nothing an analyst loaded is ever lost (issue 16, item 2): on a database
with three loads and an undo, `build` refuses and says what it would drop;
--keep-loads re-applies every load in order, checked; --discard-loads writes
each load to a CSV first; build and undo keep backups and `restore` brings
one back."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from fivebarriers.cli.main import main
from fivebarriers.data import build, ingest
from fivebarriers.store import backups
from tests.test_ingest import db_checksum, open_ro, outputs_csv, scalar
from tests.test_write_safety import assert_checks_pass

PILOT_COLUMNS = "pilot_id,name,programme_id,place_id,scope,start_date,end_date,summary,source_id,locator"


def pilots_csv(path: Path) -> Path:
    path.write_text(
        PILOT_COLUMNS + "\n"
        'loaded-pilot,"Loaded pilot, Wakefield",pfpp,wakefield,pilot,2021-02-01,2023-03-31,'
        "A pilot an analyst added.,pfpp-guidance-2024,1. Background\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def prepared(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A pilot, outputs of that pilot, more outputs; a fourth load undone:
    five writes made once for the module (read-only: see three_loads_and_an_undo)."""
    folder = tmp_path_factory.mktemp("three-loads")
    db = folder / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    ids = {}
    ids["pilot"] = ingest.ingest(pilots_csv(folder / "p.csv"), db=db).batch_id
    ids["outputs"] = ingest.ingest(
        outputs_csv(folder / "o.csv", n=3, prefix="of-loaded-pilot", pilot_id="loaded-pilot"), db=db
    ).batch_id
    ids["more"] = ingest.ingest(outputs_csv(folder / "m.csv", n=2, prefix="more"), db=db).batch_id
    ids["undone"] = ingest.ingest(outputs_csv(folder / "u.csv", n=4, prefix="undone"), db=db).batch_id
    ingest.undo(ids["undone"], db=db)
    assert all(ids.values())
    return db, ids


@pytest.fixture
def three_loads_and_an_undo(prepared: tuple[Path, dict[str, str]], fresh_db: Path) -> dict[str, str]:
    """The prepared database, its backups folder included, copied over this test's fresh_db."""
    db, ids = prepared
    shutil.copyfile(db, fresh_db)
    shutil.copytree(backups.folder(db), backups.folder(fresh_db))
    return dict(ids)


def history(db: Path) -> list[tuple]:
    con = open_ro(db)
    try:
        return con.execute("select * from ingest_batches order by batch_id").fetchall()
    finally:
        con.close()


def summaries_of(db: Path) -> list[list[tuple]]:
    con = open_ro(db)
    try:
        return [
            sorted(con.table(name).fetchall(), key=repr)
            for name in ("output_summary", "goal_summary", "pilot_summary", "place_lineage_summary")
        ]
    finally:
        con.close()


@pytest.mark.slow
def test_build_refuses_and_says_what_it_would_drop(three_loads_and_an_undo, fresh_db: Path, capsys):
    before = db_checksum(fresh_db)
    with pytest.raises(build.LoadsWouldBeLost, match=r"3 load\(s\) by analysts \(6 rows\)"):
        build.build(fresh_db)
    assert main(["build", "--db", str(fresh_db)]) == 1
    err = capsys.readouterr().err
    assert "3 load(s) by analysts (6 rows)" in err and "--keep-loads" in err and "--discard-loads" in err
    assert "nothing was changed" in err
    assert db_checksum(fresh_db) == before


@pytest.mark.slow
def test_keep_loads_rebuilds_and_reapplies_every_load_in_order(
    three_loads_and_an_undo, fresh_db: Path, capsys
):
    ids = three_loads_and_an_undo
    before = db_checksum(fresh_db)
    kept_history, kept_summaries = history(fresh_db), summaries_of(fresh_db)
    assert main(["build", "--keep-loads", "--db", str(fresh_db)]) == 0
    assert "kept 3 load(s) by analysts (6 rows)" in capsys.readouterr().out
    after = db_checksum(fresh_db)
    for table in ("outputs", "pilots", "ingest_batches"):
        assert after[table] == before[table], table
    assert summaries_of(fresh_db) == kept_summaries
    assert history(fresh_db) == kept_history  # the undone batch stays in the history, undone
    assert scalar(fresh_db, "select count(*) from outputs where batch_id = $b", {"b": ids["outputs"]}) == 3
    assert_checks_pass(fresh_db)
    # The loads are still loads: undo works on them after the rebuild.
    assert ingest.undo(ids["more"], db=fresh_db).rows_removed == 2
    assert backups.listing(fresh_db)[0].operation.startswith("undo-")
    assert any(b.operation == "build" for b in backups.listing(fresh_db))


@pytest.mark.slow
def test_discard_loads_writes_each_load_to_a_csv_that_loads_again(
    three_loads_and_an_undo, fresh_db: Path, built_db: Path
):
    ids = three_loads_and_an_undo
    result = build.build(fresh_db, loads=build.DISCARD)
    assert db_checksum(fresh_db)["outputs"] == db_checksum(built_db)["outputs"]
    assert scalar(fresh_db, "select count(*) from ingest_batches") == 0
    names = sorted(p.name for p in result.csvs)
    assert names == sorted(
        [f"{ids['pilot']}-pilots.csv", f"{ids['outputs']}-outputs.csv", f"{ids['more']}-outputs.csv"]
    )
    assert all(p.parent.parent == fresh_db.parent for p in result.csvs)
    by_name = {p.name: p for p in result.csvs}
    with by_name[f"{ids['outputs']}-outputs.csv"].open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3 and "batch_id" not in rows[0]
    # Each CSV is a valid file for `ingest`, in load order.
    for batch in ("pilot", "outputs", "more"):
        path = next(p for p in result.csvs if p.name.startswith(ids[batch]))
        assert ingest.ingest(path, db=fresh_db).loaded
    assert scalar(fresh_db, "select count(*) from outputs where batch_id is not null") == 5


@pytest.mark.slow
def test_restore_brings_back_the_file_a_build_replaced(three_loads_and_an_undo, fresh_db: Path, capsys):
    before = db_checksum(fresh_db)
    build.build(fresh_db, loads=build.DISCARD)
    assert scalar(fresh_db, "select count(*) from ingest_batches") == 0
    assert main(["restore", "--db", str(fresh_db)]) == 0
    listing = capsys.readouterr().out
    assert "build" in listing and "undo-" in listing
    assert main(["restore", "1", "--db", str(fresh_db)]) == 0
    assert "restored" in capsys.readouterr().out
    assert db_checksum(fresh_db) == before
    # The restore itself kept the file it replaced: it can be undone too.
    assert backups.listing(fresh_db)[0].operation.startswith("before-restore")


@pytest.mark.slow
def test_backups_are_pruned_to_the_configured_number(fresh_db: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(backups.ENV_BACKUPS, "2")
    for i in range(3):
        batch = ingest.ingest(outputs_csv(tmp_path / f"{i}.csv", prefix=f"n{i}"), db=fresh_db).batch_id
        ingest.undo(batch, db=fresh_db)
    kept = backups.listing(fresh_db)
    assert len(kept) == 2 and all(b.operation.startswith("undo-") for b in kept)
    assert main(["restore", "nope", "--db", str(fresh_db)]) == 1
