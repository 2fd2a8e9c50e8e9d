"""`restore` never loses a load (issue 30, item 2; review of 2026-12-06,
finding 2 and rows 28-30, 35, 48-50): a restore over loads the backup lacks
is refused and names them; --keep-loads re-applies them, --discard-loads
writes them out first (privately, with a note, under a name that never
clashes); a backup holding loads found nowhere else is never pruned; the
backups folder and the backups in it must be what this program made."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from fivebarriers.cli.main import main
from fivebarriers.data import build, carry_over, ingest, restore
from fivebarriers.store import backups
from tests.test_ingest import db_checksum, outputs_csv, scalar
from tests.test_write_safety import assert_checks_pass


def load(db: Path, folder: Path, prefix: str, n: int = 2) -> str:
    report = ingest.ingest(outputs_csv(folder / f"{prefix}.csv", n=n, prefix=prefix), db=db)
    assert report.loaded, report.lines()
    return report.batch_id


def rows_of(db: Path, batch: str) -> int:
    return scalar(db, "select count(*) from outputs where batch_id = $b", {"b": batch})


@pytest.fixture
def newer_loads(fresh_db: Path, tmp_path: Path) -> dict[str, str]:
    """The review's reproduction: a load undone (the undo keeps backup 1),
    then two loads that no backup holds."""
    ids = {"a": load(fresh_db, tmp_path, "a")}
    ingest.undo(ids["a"], db=fresh_db)
    ids["b"] = load(fresh_db, tmp_path, "b", n=3)
    ids["c"] = load(fresh_db, tmp_path, "c", n=1)
    return ids


@pytest.mark.slow
def test_a_restore_over_newer_loads_is_refused_and_names_them(newer_loads, fresh_db: Path, capsys):
    before = db_checksum(fresh_db)
    assert main(["restore", "1", "--db", str(fresh_db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one line
    assert "2 load(s) by analysts (4 rows)" in err
    named = err.split("lacks:")[1]
    assert newer_loads["b"] in named and newer_loads["c"] in named and newer_loads["a"] not in named
    assert "b.csv" in named and "c.csv" in named
    assert "--keep-loads" in err and "--discard-loads" in err and "nothing was changed" in err
    assert db_checksum(fresh_db) == before


@pytest.mark.slow
def test_keep_loads_restores_and_reapplies_the_newer_loads_in_order(newer_loads, fresh_db: Path, capsys):
    ids = newer_loads
    assert main(["restore", "1", "--keep-loads", "--db", str(fresh_db)]) == 0
    assert "kept 2 load(s) by analysts (4 rows)" in capsys.readouterr().out
    # The backup (from before the undo) has a loaded; b and c are re-applied on top.
    assert (
        rows_of(fresh_db, ids["a"]) == 2
        and rows_of(fresh_db, ids["b"]) == 3
        and rows_of(fresh_db, ids["c"]) == 1
    )
    outcomes = dict(
        (b, o)
        for b, o in ((row.batch_id, row.outcome) for row in ingest.batches(fresh_db).itertuples(index=False))
    )
    assert outcomes == {ids["a"]: "loaded", ids["b"]: "loaded", ids["c"]: "loaded"}
    assert_checks_pass(fresh_db)
    # Still loads: each can be undone.
    assert ingest.undo(ids["c"], db=fresh_db).rows_removed == 1


@pytest.mark.slow
def test_discard_loads_writes_them_out_privately_then_restores(newer_loads, fresh_db: Path):
    """Review rows 48, 49: the CSVs were 0644 in a 0755 folder, with no word on formulas."""
    ids = newer_loads
    os.chmod(fresh_db, 0o600)
    result = restore.restore(fresh_db, "1", loads=restore.DISCARD)
    assert rows_of(fresh_db, ids["b"]) == 0 and rows_of(fresh_db, ids["a"]) == 2
    assert sorted(p.name for p in result.csvs) == sorted(
        [f"{ids['b']}-outputs.csv", f"{ids['c']}-outputs.csv"]
    )
    folder = result.csvs[0].parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in result.csvs)
    note = (folder / carry_over.NOTE_NAME).read_text(encoding="utf-8")
    assert "spreadsheet" in note and "fivebarriers ingest" in note
    with result.csvs[0].open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) in (1, 3)
    # Each loads again as it is.
    for path in result.csvs:
        assert ingest.ingest(path, db=fresh_db).loaded
    assert (
        scalar(fresh_db, "select count(*) from outputs where output_id like 'b-%' or output_id like 'c-%'")
        == 4
    )


@pytest.mark.slow
def test_a_backup_holding_loads_found_nowhere_else_is_never_pruned(
    newer_loads, fresh_db: Path, tmp_path: Path, monkeypatch
):
    """Review finding 2: after the restore, five load + undo cycles rotated
    the only copy of b and c out of the backups. Three cycles already push
    it past the two newest (each write costs seconds)."""
    ids = newer_loads
    monkeypatch.setenv(backups.ENV_BACKUPS, "2")
    restore.restore(fresh_db, "1", loads=restore.DISCARD)
    holder = backups.listing(fresh_db)[0]
    assert holder.operation.startswith("before-restore")
    for i in range(3):
        ingest.undo(load(fresh_db, tmp_path, f"r{i}"), db=fresh_db)
    kept = backups.listing(fresh_db)
    assert holder.path in [b.path for b in kept]
    assert len(kept) == 3  # the 2 newest, and the one that alone holds b and c
    assert ingest.batches(fresh_db).query("outcome == 'loaded'").batch_id.tolist() == [ids["a"]]


@pytest.mark.slow
def test_rotation_still_prunes_backups_whose_loads_are_elsewhere(fresh_db: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(backups.ENV_BACKUPS, "2")
    for i in range(3):  # one backup more than the two kept
        ingest.undo(load(fresh_db, tmp_path, f"n{i}"), db=fresh_db)
    assert len(backups.listing(fresh_db)) == 2


@pytest.mark.slow
def test_discard_folder_of_the_same_second_gets_another_name(fresh_db: Path, tmp_path: Path, monkeypatch):
    """Review row 50: a retry within the same second gave a FileExistsError traceback."""
    load(fresh_db, tmp_path, "x")
    taken = tmp_path / "fivebarriers.duckdb.discarded-loads-20261206-120000"
    taken.mkdir()
    monkeypatch.setattr(carry_over, "discard_folder", lambda _db: taken)
    result = build.build(fresh_db, loads=build.DISCARD)
    assert result.csvs and result.csvs[0].parent.name == taken.name + "-2"
    assert list(taken.iterdir()) == []


# --- what is in the backups folder must be ours ------------------------------------------------------


def test_a_backup_that_is_a_symlink_or_not_duckdb_is_one_line(fresh_db: Path, capsys):
    """Review row 30: a symlink to /etc/passwd named as a backup gave an IOException traceback."""
    where = backups.folder(fresh_db)
    where.mkdir()
    (where / "20991231-000000-000000-undo-x.duckdb").symlink_to("/etc/passwd")
    (where / "20991230-000000-000000-undo-y.duckdb").write_text("not a database\n")
    before = db_checksum(fresh_db)
    for number, words in (("1", "symbolic link"), ("2", "not a DuckDB database file")):
        assert main(["restore", number, "--db", str(fresh_db)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and words in err and "nothing was changed" in err, err
    assert db_checksum(fresh_db) == before


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_a_backups_folder_that_is_a_file_or_a_symlink_is_refused(
    kind: str, fresh_db: Path, tmp_path: Path, capsys
):
    """Review rows 28, 29: a file gave a FileExistsError traceback; a symlink
    was followed, and pruning deleted a file in the folder it pointed at."""
    batch = load(fresh_db, tmp_path, "z")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    bait = elsewhere / "20000101-000000-000000-undo-old.duckdb"
    bait.write_text("someone else's file")
    if kind == "file":
        backups.folder(fresh_db).write_text("a file")
    else:
        backups.folder(fresh_db).symlink_to(elsewhere)
    before = db_checksum(fresh_db)
    assert main(["undo", batch, "--db", str(fresh_db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was changed" in err, err
    assert ("symbolic link" if kind == "symlink" else "is a file") in err
    assert db_checksum(fresh_db) == before and bait.exists()
