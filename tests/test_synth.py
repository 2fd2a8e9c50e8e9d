"""`fivebarriers synth`: deterministic for a seed, honest, marked synthetic,
and the app's pages run on it. Small sizes keep these tests quick."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers.cli import main as cli
from fivebarriers.config import ENV_DB, ROOT
from fivebarriers.data import check, synth
from fivebarriers.store import schema
from fivebarriers.views import navigation

SMALL = 20_000
# Pages that show no figures from the database need no banner: the gated upload
# page, and the phone page a room answers on (its question comes from data/ files).
PAGES_WITHOUT_DATA = {"pages/upload.py", "pages/vote.py"}


def checksums(db: Path) -> dict[str, tuple[int, int]]:
    """Row count and an order-independent hash of every table."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: con.execute(
                "select count(*), coalesce(sum(hash(t)), 0) from query_table($table) as t", {"table": table}
            ).fetchone()
            for table in schema.TABLE_ORDER
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth.duckdb"
    synth.synth(path, SMALL, seed=7)
    return path


@pytest.mark.slow
def test_same_seed_gives_identical_tables(small_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.duckdb"
    synth.synth(again, SMALL, seed=7)
    assert checksums(again) == checksums(small_db)


def test_another_seed_gives_other_data(small_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    synth.synth(other, SMALL, seed=8)
    ours, theirs = checksums(small_db), checksums(other)
    assert ours["outputs"][0] == theirs["outputs"][0] == SMALL
    assert ours["outputs"][1] != theirs["outputs"][1]
    assert ours["places"][1] != theirs["places"][1]


def test_counts_and_realistic_mix(small_db: Path) -> None:
    con = duckdb.connect(str(small_db), read_only=True)
    try:
        counts = {
            t: con.execute("select count(*) from query_table($t)", {"t": t}).fetchone()[0]
            for t in schema.TABLE_ORDER
        }
        assert counts["outputs"] == SMALL
        assert counts["pilots"] == synth.Sizes.for_outputs(SMALL).pilots
        assert counts["places"] > 300 and counts["programmes"] == 40
        for table in ("pilot_barriers", "pilot_departments", "barrier_evidence", "funding_flows"):
            assert counts[table] > 0, table
        mix = con.execute(
            """
            select
                avg((status = 'not reported')::int),
                avg((kind = 'expected')::int),
                avg((target_low < target_high)::int) filter (where target_low is not null),
                avg((target_low is not null)::int),
                count(distinct qualifier),
                count(*) filter (where status = 'not reported' and actual is not null)
            from outputs
            """
        ).fetchone()
        not_reported, expected, ranges, with_target, qualifiers, unreported_with_figure = mix
        assert 0.05 < not_reported < 0.12
        assert 0.03 < expected < 0.5
        assert 0.2 < ranges < 0.45
        assert 0.4 < with_target < 0.8
        assert qualifiers == 6
        assert unreported_with_figure == 0
        # departments have name histories: some lineage has more than one name
        assert con.execute("select max(name_count) from department_lineages").fetchone()[0] > 1
        # a four-level hierarchy, every place but the root with a parent and coordinates
        depth = con.execute("select max(len(ancestor_ids)) from place_lineage").fetchone()[0]
        assert depth == 4
        assert con.execute("select count(*) from places where lat is null or lon is null").fetchone()[0] == 0
    finally:
        con.close()


def test_check_passes(small_db: Path) -> None:
    # small_db is built without constraints (the default): check re-tests them
    con = duckdb.connect(str(small_db), read_only=True)
    try:
        assert check.run_checks(con) == []
    finally:
        con.close()


@pytest.mark.slow  # a synthetic database built from scratch
def test_check_passes_with_constraints_too(tmp_path: Path) -> None:
    db = tmp_path / "keyed.duckdb"
    synth.synth(db, 5_000, seed=3, constraints=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert check.run_checks(con) == []
        # the keyed build really has the primary key
        keys = con.execute(
            "select count(*) from duckdb_constraints() where table_name = 'outputs' "
            "and constraint_type = 'PRIMARY KEY'"
        ).fetchone()[0]
        assert keys == 1
    finally:
        con.close()


def test_every_source_is_marked_synthetic(small_db: Path) -> None:
    con = duckdb.connect(str(small_db), read_only=True)
    try:
        rows = con.execute("select kind, is_synthetic, count(*) from sources group by all").fetchall()
    finally:
        con.close()
    assert rows and all(kind == "synthetic" and flag for kind, flag, _ in rows)


@pytest.mark.parametrize("spec", navigation.PAGES, ids=lambda s: s.url_path)
def test_pages_run_on_synthetic_data_with_banner(small_db: Path, spec, monkeypatch) -> None:
    monkeypatch.setenv(ENV_DB, str(small_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(spec.path)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if spec.path in PAGES_WITHOUT_DATA:
        return
    assert any("synthetic data" in w.value for w in at.warning), "the synthetic-data banner is missing"


def test_cli_writes_a_database(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cli.duckdb"
    assert cli.main(["synth", "--outputs", "2000", "--db", str(db), "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "outputs:" in out and "2,000" in out
    assert checksums(db)["outputs"][0] == 2000
    assert cli.main(["check", "--db", str(db)]) == 0


@pytest.mark.parametrize("outputs", ["0", "-5"])
def test_cli_refuses_a_bad_size(tmp_path: Path, outputs: str, capsys) -> None:
    db = tmp_path / "bad.duckdb"
    assert cli.main(["synth", "--outputs", outputs, "--db", str(db)]) == 1
    assert "--outputs must be between" in capsys.readouterr().err
    assert not db.exists()


def test_cli_refuses_data_folder(capsys) -> None:
    assert cli.main(["synth", "--outputs", "100", "--db", str(ROOT / "data" / "synth.duckdb")]) == 1
    assert "outside data/" in capsys.readouterr().err


@pytest.mark.slow  # two synthetic databases built from scratch
def test_failed_synth_leaves_old_file(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "keep.duckdb"
    synth.synth(db, 1_000, seed=1)
    before = checksums(db)

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(synth, "generate", boom)
    with pytest.raises(RuntimeError):
        synth.synth(db, 1_000, seed=2)
    assert checksums(db) == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


def test_env_points_app_at_synthetic_db(small_db: Path, monkeypatch) -> None:
    monkeypatch.setenv(ENV_DB, str(small_db))
    from fivebarriers.config import db_path

    assert db_path() == small_db
    assert os.environ[ENV_DB] == str(small_db)
