"""The batch-scoped check a load or undo runs inside its write (check.py):
it runs every registered rule, agrees with the full check on a clean
database, still catches what a batch breaks, and leaves nothing behind.
Also: a load's incremental summaries equal a full rebuild."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fivebarriers.data import check, ingest, load_access
from fivebarriers.data.load_report import IngestError
from fivebarriers.store import summaries
from tests.conftest import loose_copy
from tests.test_ingest import db_checksum, outputs_csv


@pytest.fixture
def loaded(loose_db: Path, tmp_path: Path) -> tuple[Path, str, list[str]]:
    """A load into a database without constraints (as on a lake, where only
    `check` stands between a bad row and the pages)."""
    fresh_db = loose_copy(loose_db, tmp_path, "no-constraints.duckdb")
    report = ingest.ingest(outputs_csv(tmp_path / "a.csv", n=4, prefix="scoped"), db=fresh_db)
    assert report.loaded
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:
        pilots = summaries.batch_pilots(con, "outputs", report.batch_id, ["pilot_id"])
    finally:
        con.close()
    assert pilots
    return fresh_db, report.batch_id, pilots


def writable(db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(db))
    con.execute("begin transaction")
    return con


@pytest.mark.slow
def test_scoped_and_full_check_agree_on_a_clean_database(loaded):
    db, _, pilots = loaded
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert check.run_checks(con) == []
        assert check.run_checks(con, pilots=pilots) == []
        assert check.run_checks(con, pilots=[]) == []
        # The shadow views are gone again: the full tables are back.
        shadows = "select count(*) from duckdb_views() where temporary and view_name like 'output%'"
        assert con.execute(shadows).fetchone()[0] == 0
        assert con.execute("select count(*) from outputs").fetchone()[0] > 4
    finally:
        con.close()


@pytest.mark.parametrize(
    ("breakage", "rule"),
    [
        (
            "update outputs set actual = 0, status = 'not reported' where output_id = 'scoped-0'",
            "not reported",
        ),
        ("update outputs set locator = '' where output_id = 'scoped-1'", "missing locator"),
        ("update outputs set kind = 'hoped for' where output_id = 'scoped-2'", "kind not allowed"),
        (
            "delete from output_summary "
            "where pilot_id = (select pilot_id from outputs where output_id = 'scoped-3')",
            "summary out of date",
        ),
        (
            "update goal_summary set times_goal = 99 "
            "where pilot_id = (select pilot_id from outputs where output_id = 'scoped-3')",
            "summary out of date",
        ),
        (
            "update output_summary set beat = beat + 1 "
            "where pilot_id = (select pilot_id from outputs where output_id = 'scoped-3')",
            "summary out of date",
        ),
    ],
)
def test_the_scoped_check_catches_what_the_batch_breaks(loaded, breakage: str, rule: str):
    db, _, pilots = loaded
    con = writable(db)
    try:
        con.execute(breakage)
        scoped = check.run_checks(con, pilots=pilots)
        full = check.run_checks(con)
        assert any(rule in f.rule for f in scoped), scoped
        assert {str(f) for f in scoped} == {str(f) for f in full}
    finally:
        con.execute("rollback")
        con.close()


def test_the_scoped_check_finds_an_output_id_used_by_another_pilot(loaded):
    """The one rule on outputs that spans pilots: ids are unique across the table."""
    db = loaded[0]
    con = writable(db)
    try:
        taken, other_pilot = con.execute(
            "select a.output_id, b.pilot_id from outputs a, pilots b where a.pilot_id <> b.pilot_id limit 1"
        ).fetchone()
        con.execute(
            "insert into outputs select * replace ($pilot as pilot_id) from outputs where output_id = $id",
            {"pilot": other_pilot, "id": taken},
        )
        found = check.run_checks(con, pilots=[other_pilot])
        assert any(f.rule == "duplicate key" and f.key == taken for f in found), found
    finally:
        con.execute("rollback")
        con.close()


def test_a_batch_touching_most_pilots_is_checked_whole_and_still_refused(loaded):
    """Past a quarter of the pilots the write runs the whole check instead of
    copying nearly every row into the scope (check.narrows): same refusal."""
    db, _, pilots = loaded
    con = writable(db)
    try:
        every = [row[0] for row in con.execute("select pilot_id from pilots").fetchall()]
        assert check.narrows(con, pilots) and not check.narrows(con, every)
        con.execute("update outputs set locator = '' where output_id = 'scoped-1'")
        for touched in (pilots, every):
            with pytest.raises(IngestError, match="missing locator"):
                load_access.refuse_on_findings(con, "these rows", touched, check.run_checks)
        shadows = "select count(*) from duckdb_views() where temporary and view_name in ('outputs', 'pilots')"
        assert con.execute(shadows).fetchone() == (0,)
    finally:
        con.execute("rollback")
        con.close()


@pytest.mark.slow
def test_a_load_and_its_undo_leave_the_summaries_a_full_rebuild_would(loaded, tmp_path: Path):
    db, batch, _ = loaded
    incremental = db_checksum(db)
    con = writable(db)
    try:
        summaries.refresh(con)
        con.execute("commit")
    finally:
        con.close()
    assert db_checksum(db) == incremental
    ingest.undo(batch, db=db)
    after_undo = db_checksum(db)
    con = writable(db)
    try:
        summaries.refresh(con)
        con.execute("commit")
    finally:
        con.close()
    assert db_checksum(db) == after_undo


@pytest.mark.slow
def test_loads_of_a_pilot_and_its_links_leave_the_summaries_a_full_rebuild_would(
    fresh_db: Path, tmp_path: Path
):
    """pilot_summary is derived again, in a narrowed scope, for the pilots a
    load touches (summaries_scope_open.sql): a new pilot in a place with a
    parent region, then its barriers and its departments, then their undo."""
    from tests.test_build_loads import pilots_csv

    files = [
        pilots_csv(tmp_path / "pilot.csv"),
        tmp_path / "barriers.csv",
        tmp_path / "departments.csv",
    ]
    files[1].write_text(
        "pilot_id,barrier_id,role,basis,source_id,locator\n"
        "loaded-pilot,structures,faced,our reading,pfpp-guidance-2024,Foreword\n"
        "loaded-pilot,funding,addressed,our reading,pfpp-guidance-2024,Foreword\n",
        encoding="utf-8",
    )
    files[2].write_text(
        "pilot_id,department_id,role,source_id,locator\nloaded-pilot,mhclg-2024,engaged,pfpp-guidance-2024,Foreword\n",
        encoding="utf-8",
    )
    batches = []
    for path in files:
        report = ingest.ingest(path, db=fresh_db)
        assert report.loaded, report.lines()
        batches.append(report.batch_id)
        assert_summaries_as_rebuilt(fresh_db)
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:
        barrier_ids, departments, ancestors = con.execute(
            "select barrier_ids, department_ids, place_ancestor_ids from pilot_summary "
            "where pilot_id = 'loaded-pilot'"
        ).fetchone()
    finally:
        con.close()
    assert barrier_ids == ["funding", "structures"] and departments and "yorkshire-humber" in ancestors
    for batch in reversed(batches):
        ingest.undo(batch, db=fresh_db)
        assert_summaries_as_rebuilt(fresh_db)


def assert_summaries_as_rebuilt(db: Path) -> None:
    incremental = db_checksum(db)
    con = writable(db)
    try:
        summaries.refresh(con)
        rebuilt = {
            table: sorted(con.table(table).fetchall(), key=repr)
            for table in ("pilot_summary", "output_summary", "goal_summary", "place_lineage_summary")
        }
        con.execute("rollback")
    finally:
        con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, rows in rebuilt.items():
            assert sorted(con.table(table).fetchall(), key=repr) == rows, table
        # Nothing of the narrowed scope is left behind in the file.
        left = "select count(*) from duckdb_tables() where table_name like '%scope%'"
        assert con.execute(left).fetchone() == (0,)
    finally:
        con.close()
    assert db_checksum(db) == incremental


def test_the_scope_covers_every_table_keyed_by_pilot(built_db: Path):
    """A new table with a pilot_id must be narrowed too, or a scoped rule
    would compare a narrowed table with a whole one."""
    import re

    from fivebarriers import queries
    from fivebarriers.store import schema

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        # Every table, the derived summaries included (views read the tables).
        keyed = {table for table, columns in schema.table_columns(con).items() if "pilot_id" in columns}
        keyed -= set(schema.view_names())
    finally:
        con.close()
    scope_sql = queries.sql("scope_pilot_links") + queries.sql("check_scope_open")
    opened = set(re.findall(r"create temp table scope_(\w+)", scope_sql))
    shadowed = set(re.findall(r"create temp view (\w+)", queries.sql("check_scope_shadow")))
    closed = set(re.findall(r"drop view if exists temp\.(\w+)", queries.sql("check_scope_close")))
    assert keyed == opened
    assert shadowed == closed == keyed | {"place_lineage"}


def test_goal_summary_keeps_as_many_results_per_pilot_as_any_chart_draws():
    """goal_summary keeps each pilot's 12 best (goal_ranks in views.sql): a
    chart drawing more bars would silently lose some."""
    import re

    from fivebarriers.store import schema
    from fivebarriers.views import overview, result_tables

    kept = int(re.search(r"order by keyed\.times_goal.*?\) <= (\d+);", schema.views(), re.S).group(1))
    assert max(result_tables.CHART_LIMIT, overview.HEADLINE_LIMIT) <= kept
