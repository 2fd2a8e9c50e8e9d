"""Upgrades keep the data (issue 16, item 6). tests/old_releases/ holds
database files made by earlier releases (gzipped), each with analysts' loads
and an undo in its history; every later release must upgrade each of them
with every load and its history kept. An outdated file is named in the app
with the command to run, instead of failing."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers.cli.main import main
from fivebarriers.config import ENV_DB, ROOT
from fivebarriers.data import ingest, upgrade
from fivebarriers.store import backups, version
from fivebarriers.store.db import Database
from tests.test_ingest import open_ro, outputs_csv, scalar
from tests.test_write_safety import assert_checks_pass

OLD_RELEASES = sorted((Path(__file__).resolve().parent / "old_releases").glob("*.duckdb.gz"))


def unpack(archive: Path, folder: Path) -> Path:
    db = folder / archive.name.removesuffix(".gz")
    with gzip.open(archive, "rb") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return db


def history(db: Path) -> list[tuple]:
    con = open_ro(db)
    try:
        # The columns every release recorded; later ones (loader_version) start empty.
        return con.execute(
            "select batch_id, table_name, file_name, sha256, loaded_by, loaded_at, row_count, outcome, "
            "undone_at, note from ingest_batches order by batch_id"
        ).fetchall()
    finally:
        con.close()


def loaded_rows(db: Path) -> list[tuple]:
    con = open_ro(db)
    try:
        return sorted(
            con.execute("select output_id, batch_id from outputs where batch_id is not null").fetchall()
            + con.execute("select pilot_id, batch_id from pilots where batch_id is not null").fetchall()
        )
    finally:
        con.close()


def make_outdated(db: Path) -> None:
    """What a file from before today's summary tables looks like: no
    output_summary, and another schema fingerprint."""
    con = duckdb.connect(str(db))
    try:
        con.execute("drop table output_summary")
        con.execute("update build_info set value = 'an older schema' where key = 'schema_sha256'")
        con.execute("delete from build_info where key = 'schema_version'")
    finally:
        con.close()


def test_there_is_a_file_from_an_older_release():
    assert OLD_RELEASES, "tests/old_releases/ must keep a database made by each earlier release"


@pytest.mark.parametrize("archive", OLD_RELEASES, ids=lambda p: p.name)
@pytest.mark.slow
def test_an_older_release_file_upgrades_keeping_every_load_and_its_history(
    archive: Path, tmp_path: Path, capsys
):
    db = unpack(archive, tmp_path)
    kept_history, kept_rows = history(db), loaded_rows(db)
    assert kept_history and any(row[7] == "undone" for row in kept_history), "the file should hold an undo"
    assert main(["upgrade", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "upgraded" in out and "kept" in out
    assert history(db) == kept_history
    assert loaded_rows(db) == kept_rows
    con = open_ro(db)
    try:
        assert version.is_current(con)
    finally:
        con.close()
    assert_checks_pass(db)
    assert backups.listing(db)[0].operation.startswith("upgrade-from-v")
    # The loads are still loads: they can be undone, and new ones added.
    loaded = [row[0] for row in kept_history if row[7] == "loaded"]
    outputs_batch = next(
        b for b in loaded if scalar(db, "select count(*) from outputs where batch_id = $b", {"b": b})
    )
    assert ingest.undo(outputs_batch, db=db).rows_removed > 0
    assert ingest.ingest(outputs_csv(tmp_path / "new.csv", prefix="after-upgrade"), db=db).loaded
    # A second upgrade has nothing to do.
    assert main(["upgrade", "--db", str(db)]) == 0
    assert "nothing to do" in capsys.readouterr().out


@pytest.mark.slow
def test_an_outdated_file_is_named_with_the_command_to_run_then_upgraded(fresh_db: Path, tmp_path: Path):
    batch = ingest.ingest(outputs_csv(tmp_path / "a.csv", prefix="before-upgrade"), db=fresh_db).batch_id
    make_outdated(fresh_db)
    with pytest.raises(
        version.OutdatedDatabase, match="made by an older version: run `fivebarriers upgrade`"
    ):
        Database(fresh_db)
    report = upgrade.upgrade(fresh_db)
    assert not report.already_current and report.loads == 1 and report.load_rows == 3
    Database(fresh_db).close()
    assert scalar(fresh_db, "select count(*) from output_summary") > 0
    assert scalar(fresh_db, "select count(*) from outputs where batch_id = $b", {"b": batch}) == 3
    assert_checks_pass(fresh_db)


def test_the_app_says_to_upgrade_instead_of_failing(fresh_db: Path, monkeypatch):
    make_outdated(fresh_db)
    monkeypatch.setenv(ENV_DB, str(fresh_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    shown = " ".join(e.value for e in at.warning).replace("\\", "")
    assert "this database was made by an older version: run `fivebarriers upgrade`" in shown
    assert not at.error


NOW = version.SCHEMA_VERSION


@pytest.mark.parametrize(
    ("recorded", "said"),
    [
        (None, None),  # today's fingerprint: read as it is, whatever the number
        (NOW - 1, f"(the file, schema version {NOW - 1}; this version needs {NOW})"),
        # A development build between two releases: the same number, other definitions.
        (NOW, f"(the file, schema version {NOW}, but its tables are not the ones this version makes)"),
        (NOW + 1, f"made by a newer version of Five Barriers (schema version {NOW + 1}; this one reads"),
    ],
)  # fmt: skip
def test_what_the_app_says_of_each_schema_it_may_meet(recorded: int | None, said: str | None) -> None:
    con = duckdb.connect()
    con.execute("create table build_info (key varchar, value varchar)")
    sha = version.fingerprint() if recorded is None else "another"
    con.execute("insert into build_info values ('schema_version', $n), ('schema_sha256', $s)",
                {"n": str(recorded or NOW), "s": sha})  # fmt: skip
    found = version.problem(con, "the file")
    assert (found is None) if said is None else (said in found), found
