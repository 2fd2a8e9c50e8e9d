"""The product on a DuckLake with a real Postgres catalog (tests/pg_fixture.py):
the same build, check, questions and page as on the embedded file, the
write path (one snapshot per write, conflicts retried, refusals roll back),
the migration row for row, and two app replicas seeing one write.

Data tests are parametrised over both backends (`backend_target`)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers import queries
from fivebarriers.config import ROOT
from fivebarriers.data import build, check, migrate
from fivebarriers.store import backend, schema, summaries
from fivebarriers.store.db import Database
from tests import test_questions
from tests.conftest import AppServer, assert_no_exception, open_page, screenshot
from tests.pg_fixture import lake_env
from tests.test_check import BREAKS

# The lake needs the session's Postgres, seconds to start: slow, so --quick runs the file backend only.
BACKENDS = ["file", pytest.param("lake", marks=pytest.mark.slow)]

# pg_cluster and built_lake: one Postgres and lake for the session (conftest.py at the root).


@pytest.fixture(scope="module", params=BACKENDS)
def backend_target(request, built_db: Path) -> backend.Target:
    """The session's database built from data/, on each backend in turn."""
    if request.param == "file":
        return backend.Target(str(built_db))
    return request.getfixturevalue("built_lake")


@pytest.fixture(scope="module")
def con(backend_target: backend.Target):
    """A read-only connection for the question tests imported below."""
    connection = backend.connect_reader(backend_target)
    yield connection
    connection.close()


# The foundation's questions, answered on both backends by the same SQL.
test_good_help_hub_people_helped_against_goal = test_questions.test_good_help_hub_people_helped_against_goal
test_east_sussex_homes_against_range = test_questions.test_east_sussex_homes_against_range
test_places_that_raised_data_sharing = test_questions.test_places_that_raised_data_sharing
test_cheshire_west_business_cases_projection = test_questions.test_cheshire_west_business_cases_projection
test_not_reported_is_null_never_zero = test_questions.test_not_reported_is_null_never_zero
test_department_renamed_is_one_lineage = test_questions.test_department_renamed_is_one_lineage
test_every_source_document_is_used = test_questions.test_every_source_document_is_used


def fingerprints(target: backend.Target) -> dict[str, tuple[int, int]]:
    """Row count and row-hash checksum of every table."""
    con = backend.connect_reader(target)
    try:
        out = {}
        for table in schema.TABLE_ORDER:
            n, checksum = con.execute(queries.sql("migrate_checksum"), {"name": table}).fetchone()
            out[table] = (int(n), int(checksum))
        return out
    finally:
        con.close()


def test_build_gives_the_same_rows_on_both_backends(pg_cluster, tmp_path: Path):
    data = tmp_path / "data"  # one snapshot of data/, so both builds read the same bytes
    shutil.copytree(ROOT / "data", data)
    on_file, on_lake = backend.Target(str(tmp_path / "same.duckdb")), pg_cluster.lake("same")
    assert build.build(on_file, data) == build.build(on_lake, data)
    assert fingerprints(on_lake) == fingerprints(on_file)
    assert fingerprints(on_lake)["barriers"][0] == 5
    build.build(on_lake, data)  # a rebuild replaces, never appends
    assert fingerprints(on_lake) == fingerprints(on_file)


def test_cli_build_and_check_on_a_lake_through_the_two_variables(pg_cluster, tmp_path: Path):
    target = pg_cluster.lake("cli")
    env = {**os.environ, **lake_env(target)}
    built = subprocess.run(
        [sys.executable, "-m", "fivebarriers", "build"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert built.returncode == 0, built.stderr
    assert "built ducklake:postgres:dbname=cli" in built.stdout
    checked = subprocess.run(
        [sys.executable, "-m", "fivebarriers", "check"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "check passed" in checked.stdout
    # Parquet files went where FIVEBARRIERS_DATA_PATH says.
    assert list(Path(target.data_path).rglob("*.parquet"))


def test_check_catches_every_broken_rule_on_the_lake(built_lake: backend.Target):
    """DuckLake enforces no key: `check` must find what the constraints would have stopped.
    The breaks run inside a write that is then refused, so the lake is unchanged."""
    before = fingerprints(built_lake)

    class Seen(Exception):
        pass

    # One refused write and one check (2 s on the lake): only breaks that do not
    # overwrite one another's column of the same row.
    breaks = [b for b in BREAKS if b[3] not in ("qualifier not allowed", "qualifier without figure")]
    # (and "no strength of evidence": the next break gives the same cell a value not allowed)
    breaks = [b for b in breaks if b[3] not in ("missing source", "no strength of evidence")]
    assert len(breaks) == len(BREAKS) - 4

    def work(con: duckdb.DuckDBPyConnection) -> None:
        for statement, *_ in breaks:
            con.execute(statement)
        raise Seen(check.run_checks(con))

    with pytest.raises(Seen) as seen:
        backend.write_transaction(built_lake, work)
    findings = seen.value.args[0]
    for _, table, key, rule in breaks:
        assert any(f.table == table and f.key == key and f.rule == rule for f in findings), (table, key, rule)
    assert fingerprints(built_lake) == before


def test_failed_build_leaves_the_lake_untouched(built_lake: backend.Target, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "outputs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("ghh-people-helped", "es-homes-improved"))
    before = fingerprints(built_lake)
    with pytest.raises(build.BuildError):
        build.build(built_lake, data)
    assert fingerprints(built_lake) == before


def test_a_write_is_one_labelled_snapshot_and_a_refusal_writes_nothing(pg_cluster):
    target = pg_cluster.lake("writes")
    build.build(target)
    reader = Database(target)
    try:
        version = reader.data_version()

        def record(con: duckdb.DuckDBPyConnection) -> int:
            con.execute(queries.sql("ingest_record_batch"), _batch("b-1", "a.csv"))
            return con.execute("select count(*) from ingest_batches").fetchone()[0]

        assert backend.write_transaction(target, record, who="alice", message="load a.csv") == 1
        latest = backend.history(target)[0]
        assert (latest.author, latest.message) == ("alice", "load a.csv")
        assert isinstance(latest.at, dt.datetime)

        def refuse(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(queries.sql("ingest_record_batch"), _batch("b-2", "b.csv"))
            raise ValueError("refused")

        with pytest.raises(ValueError):
            backend.write_transaction(target, refuse)
        assert backend.history(target)[0].snapshot_id == latest.snapshot_id
        # The long-lived reader sees the committed write without reopening.
        _wait_for_new_version(reader, version)
        assert reader.query("ingest_batches").single_value() == "b-1"
    finally:
        reader.close()


def _wait_for_new_version(reader: Database, old: object) -> None:
    deadline = dt.datetime.now() + dt.timedelta(seconds=5)
    while reader.data_version() == old:
        assert dt.datetime.now() < deadline, "the reader never saw the new snapshot"
        threading.Event().wait(0.05)


def _batch(batch_id: str, file_name: str) -> dict:
    return {
        "batch_id": batch_id,
        "table_name": "outputs",
        "file_name": file_name,
        "sha256": "sha-" + file_name,
        "loaded_by": "test",
        "loaded_at": dt.datetime(2026, 1, 1),
        "row_count": 0,
        "note": None,
        "loader_version": None,
    }


def test_concurrent_writers_checking_the_same_file_record_it_once(pg_cluster):
    """Four writers each load their own file and a shared one; the write token
    makes the 'already loaded?' check race-free: no loss, no duplicate."""
    target = pg_cluster.lake("race")
    build.build(target)
    results: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def writer(w: int) -> None:
        try:
            start.wait()
            for name in [f"w{w}.csv", "shared.csv"]:

                def load(con: duckdb.DuckDBPyConnection, name: str = name) -> str:
                    found = con.execute(
                        queries.sql("ingest_batch_by_sha"), {"sha256": "sha-" + name}
                    ).fetchone()
                    if found:
                        return "already loaded"
                    con.execute(queries.sql("ingest_record_batch"), _batch(f"{name}-{w}", name))
                    return "loaded"

                results.append(backend.write_transaction(target, load, who=f"w{w}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert results.count("loaded") == 5 and results.count("already loaded") == 3
    con = backend.connect_reader(target)
    try:
        names = [r[0] for r in con.execute("select file_name from ingest_batches").fetchall()]
    finally:
        con.close()
    assert len(names) == 5 and names.count("shared.csv") == 1


def test_writes_on_a_file_go_through_the_same_path(fresh_db: Path):
    target = backend.Target(str(fresh_db))
    before = fresh_db.stat().st_ino

    def record(con: duckdb.DuckDBPyConnection) -> int:
        con.execute(queries.sql("ingest_record_batch"), _batch("f-1", "f.csv"))
        return 1

    backend.write_transaction(target, record)
    assert fresh_db.stat().st_ino != before  # a new file swapped in, never written in place
    assert backend.history(target) == []

    def refuse(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(queries.sql("ingest_record_batch"), _batch("f-2", "g.csv"))
        raise ValueError("refused")

    with pytest.raises(ValueError):
        backend.write_transaction(target, refuse)
    with Database(target) as db:
        assert len(db.query("ingest_batches")) == 1


def test_migrate_copies_row_for_row_then_checks(pg_cluster, built_db: Path):
    target = pg_cluster.lake("migrated")
    report = migrate.migrate(built_db, target)
    assert report.findings == []
    on_file = fingerprints(backend.Target(str(built_db)))
    assert fingerprints(target) == on_file
    assert {c.table: (c.rows, c.checksum) for c in report.tables} == on_file
    assert backend.history(target)[0].message == f"migrate from {built_db.name}"
    with pytest.raises(migrate.MigrateError, match="already holds data"):
        migrate.migrate(built_db, target)


def test_migrate_refuses_a_different_schema_and_writes_nothing(pg_cluster, built_db: Path, tmp_path: Path):
    odd = tmp_path / "odd.duckdb"
    shutil.copyfile(built_db, odd)
    con = duckdb.connect(str(odd))
    con.execute("alter table outputs add column extra integer")
    con.close()
    target = pg_cluster.lake("refused")
    with pytest.raises(migrate.MigrateError, match="different schema"):
        migrate.migrate(odd, target)
    con = backend.connect_reader(target)  # the catalog exists (created), but holds none of our tables
    try:
        assert not con.execute(queries.sql("migrate_has_data")).fetchone()[0]
    finally:
        con.close()


def test_extensions_come_from_the_wheels_and_nothing_is_fetched(built_lake: backend.Target):
    con = backend.connect_reader(built_lake)
    try:
        rows = con.execute(
            "select extension_name, loaded, installed from duckdb_extensions() "
            "where extension_name in ('ducklake', 'postgres_scanner')"
        ).fetchall()
        settings = con.execute(
            "select value from duckdb_settings() "
            "where name in ('autoinstall_known_extensions', 'autoload_known_extensions')"
        ).fetchall()
    finally:
        con.close()
    assert sorted(rows) == [("ducklake", True, False), ("postgres_scanner", True, False)]
    assert [v for (v,) in settings] == ["false", "false"]


def test_no_lake_and_secrets_give_clear_messages(pg_cluster):
    conninfo = pg_cluster.createdb("empty")
    empty = backend.Target(backend.POSTGRES_PREFIX + conninfo)
    with pytest.raises(backend.BackendError, match="fivebarriers build"):
        backend.connect_reader(empty)
    with pytest.raises(backend.BackendError, match="fivebarriers build"):
        build.ensure_built(empty)  # the app never creates a catalog
    wrong = backend.Target(
        backend.POSTGRES_PREFIX + conninfo.replace("dbname=empty", "dbname=nope") + " password=hunter2"
    )
    with pytest.raises(backend.BackendError) as err:
        backend.connect_reader(wrong)
    assert "hunter2" not in str(err.value) and "password=***" in str(err.value)
    assert "hunter2" not in str(wrong)


def test_overview_page_on_the_lake(built_lake: backend.Target, monkeypatch: pytest.MonkeyPatch):
    for key, value in lake_env(built_lake).items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Results"] == "23" and metrics["Programmes"] == "6"
    assert any("Data: lake built" in c.value for c in at.sidebar.caption)


@pytest.mark.browser
def test_two_replicas_show_a_write_without_restart(pg_cluster, page):
    target = pg_cluster.lake("replicas")
    build.build(target)
    servers: list[AppServer] = []
    starting = [
        threading.Thread(target=lambda: servers.append(AppServer(Path("unused"), env=lake_env(target))))
        for _ in range(2)
    ]
    for t in starting:
        t.start()
    for t in starting:
        t.join()
    try:
        assert len(servers) == 2, "a replica did not start: see tests/artifacts/streamlit-*.log"
        pids = [s.proc.pid for s in servers]
        assert _results_recorded(page, servers) == ["23", "23"]

        def add_output(con: duckdb.DuckDBPyConnection) -> None:
            con.execute(
                "insert into outputs select * replace ('replica-new' as output_id, 'b-replica' as batch_id) "
                "from outputs where output_id = 'ghh-people-helped'"
            )
            summaries.refresh(con)  # the pages count from the summaries, as every writer must

        backend.write_transaction(target, add_output, who="test", message="one more output")
        assert _results_recorded(page, servers) == ["24", "24"]
        assert [s.proc.pid for s in servers] == pids and all(s.proc.poll() is None for s in servers)
        screenshot(page, "lake_replica")
    finally:
        for s in servers:
            s.stop()


def _results_recorded(page, servers: list[AppServer]) -> list[str]:
    values = []
    for server in servers:
        open_page(page, server.url)
        assert_no_exception(page)
        metric = page.locator('[data-testid="stMetric"]', has_text="Results")
        values.append(metric.locator('[data-testid="stMetricValue"]').inner_text().strip())
    return values


def test_drop_list_covers_every_table_and_view():
    text = queries.sql("lake_drop_schema")
    # Every table of schema.sql, the derived summaries included.
    tables = re.findall(r"(?im)^create table (\w+)", schema.ddl())
    assert set(schema.TABLE_ORDER) <= set(tables)
    for name in tables:
        assert f"drop table if exists {name};" in text
    for name in schema.view_names():
        assert f"drop view if exists {name};" in text


def test_the_lake_works_with_the_network_unreachable(built_lake: backend.Target, pg_cluster):
    """Issue 9: nothing is downloaded at run time. A process in a new network
    namespace (no interface up) reads, checks and writes the lake through
    Postgres's Unix socket."""
    socket_url = built_lake.url.replace(f"host={pg_cluster.host}", f"host={pg_cluster.root}")
    code = (
        "from fivebarriers.data import check\nfrom fivebarriers.store import backend, db\n"
        "print(db.Database().query('overview_counts').dicts()[0]['outputs'])\n"
        "print(len(check.run_checks(backend.connect_reader())))\n"
        "print(backend.write_transaction(None, lambda c: c.execute('select 1').fetchone()[0]))\n"
        "import socket\n"
        "try:\n    socket.create_connection(('1.1.1.1', 443), timeout=2)\n    print('network up')\n"
        "except OSError:\n    print('network unreachable')\n"
    )
    env = {**os.environ, **lake_env(backend.Target(socket_url, built_lake.data_path))}
    result = subprocess.run(
        ["unshare", "--net", sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, "unshare --net (root or CAP_SYS_ADMIN needed): " + result.stderr[-2000:]
    assert result.stdout.split() == ["23", "0", "1", "network", "unreachable"]
