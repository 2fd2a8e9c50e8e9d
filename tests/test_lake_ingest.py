"""Analysts' loads on a DuckLake (issue 9): several `fivebarriers ingest`
processes at once lose and duplicate nothing, each load is one labelled
snapshot, undo takes out one batch only, the same file raced by several
analysts loads once, and a refusal changes nothing.

One Postgres for the whole session (pg_cluster, from the root conftest.py);
one lake for this module, built from data/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fivebarriers import auth
from fivebarriers.cli.main import main
from fivebarriers.config import ROOT
from fivebarriers.data import build, ingest
from fivebarriers.data.check import Finding
from fivebarriers.store import backend
from tests.pg_fixture import lake_env
from tests.test_ingest import BAD, outputs_csv
from tests.test_lake import fingerprints

ROWS = 1500  # per file: enough to be Parquet, not inlined into the catalog


@pytest.fixture(scope="module")
def lake(pg_cluster) -> backend.Target:
    target = pg_cluster.lake("ingest")
    build.build(target)
    return target


def cli(target: backend.Target, *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "fivebarriers", *argv],
        cwd=ROOT,
        env={**os.environ, **lake_env(target)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(procs: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=300)
        out.append((p.returncode, stdout, stderr))
    return out


def scalar(target: backend.Target, sql: str, params: dict | None = None):
    con = backend.connect_reader(target)
    try:
        return con.execute(sql, params or {}).fetchone()[0]
    finally:
        con.close()


def team_rows(target: backend.Target, i: int) -> int:
    return scalar(target, "select count(*) from outputs where output_id like $p", {"p": f"team{i}-%"})


def test_four_processes_load_at_once_then_one_is_undone(
    lake: backend.Target, tmp_path: Path, monkeypatch, capsys
):
    files = [outputs_csv(tmp_path / f"team{i}.csv", n=ROWS, prefix=f"team{i}") for i in range(4)]
    before = scalar(lake, "select count(*) from outputs")
    snapshot = backend.history(lake, limit=1)[0].snapshot_id

    results = finish([cli(lake, "ingest", str(f), "--by", f"analyst{i}") for i, f in enumerate(files)])
    for code, out, err in results:
        assert code == 0, (out, err)
        assert "loaded 1,500 rows into outputs" in out
    assert scalar(lake, "select count(*) from outputs") == before + 4 * ROWS
    assert scalar(lake, "select count(distinct output_id) from outputs") == before + 4 * ROWS
    for i in range(4):
        assert team_rows(lake, i) == ROWS

    loads = ingest.batches(lake)
    loads = loads[loads.file_name.str.startswith("team")]
    assert sorted(loads.file_name) == [f"team{i}.csv" for i in range(4)]
    assert set(loads.outcome) == {"loaded"} and set(loads.row_count) == {ROWS}
    # Each load is exactly one snapshot, labelled with who and which batch.
    new = [s for s in backend.history(lake) if s.snapshot_id > snapshot]
    assert sorted((s.author, s.message) for s in new) == sorted(
        (b.loaded_by, f"ingest {b.file_name} (batch {b.batch_id})") for b in loads.itertuples()
    )

    # The follow-up commands run in this process (each child costs seconds loading the extensions).
    for key, value in lake_env(lake).items():
        monkeypatch.setenv(key, value)
    assert main(["batches"]) == 0
    listing = capsys.readouterr().out
    assert all(b in listing for b in loads.batch_id)
    assert main(["batches", "--history"]) == 0
    history = capsys.readouterr().out
    assert history.splitlines()[0].split() == ["snapshot", "at", "(UTC)", "by", "message"]
    assert f"ingest team0.csv (batch {loads.set_index('file_name').batch_id['team0.csv']})" in history
    assert main(["check"]) == 0 and "check passed" in capsys.readouterr().out

    gone = loads.set_index("file_name").batch_id["team2.csv"]
    assert main(["undo", gone, "--by", "lead"]) == 0
    assert f"removed {ROWS:,} rows from outputs" in capsys.readouterr().out
    assert scalar(lake, "select count(*) from outputs") == before + 3 * ROWS
    assert scalar(lake, "select count(*) from outputs where batch_id = $b", {"b": gone}) == 0
    for i in (0, 1, 3):
        assert team_rows(lake, i) == ROWS
    latest = backend.history(lake, limit=1)[0]
    assert (latest.author, latest.message) == ("lead", f"undo batch {gone}")
    assert main(["check"]) == 0


def test_the_same_file_raced_by_three_analysts_loads_once(lake: backend.Target, tmp_path: Path):
    path = outputs_csv(tmp_path / "shared.csv", n=ROWS, prefix="shared")
    before = scalar(lake, "select count(*) from outputs")
    results = finish([cli(lake, "ingest", str(path), "--by", f"a{i}") for i in range(3)])
    winners = [r for r in results if r[0] == 0]
    assert len(winners) == 1, results
    for code, _, err in results:
        if code:
            # The losers saw the winner's batch, either while validating or inside their write.
            assert "this file was already loaded as batch" in err and "Traceback" not in err, err
    assert scalar(lake, "select count(*) from outputs") == before + ROWS
    assert scalar(lake, "select count(*) from ingest_batches where file_name = 'shared.csv'") == 1


def test_refusals_on_the_lake_change_nothing(lake: backend.Target, tmp_path: Path, monkeypatch):
    before = fingerprints(lake)
    snapshot = backend.history(lake, limit=1)[0].snapshot_id

    clash = ingest.ingest(BAD / "duplicate_vs_db.csv", db=lake)  # refused while validating
    assert not clash.loaded and "already in the database" in clash.problems[0].message

    # Refused inside the write, after the rows went in: rolled back, no snapshot.
    monkeypatch.setattr(ingest, "run_checks", lambda con: [Finding("outputs", "x", "rule", "broken")])
    with pytest.raises(ingest.IngestError, match="break 1 rule"):
        ingest.ingest(outputs_csv(tmp_path / "w.csv", n=5, prefix="refused"), db=lake)
    with pytest.raises(ingest.IngestError, match="no batch 'nope'"):
        ingest.undo("nope", db=lake)

    assert fingerprints(lake) == before
    assert backend.history(lake, limit=1)[0].snapshot_id == snapshot


def test_a_race_lost_inside_the_write_is_reported_as_problems(lake: backend.Target, tmp_path: Path):
    """Between validation and the write another analyst loads the same keys:
    the write re-checks them and refuses with the usual row-level problems."""
    first = outputs_csv(tmp_path / "first.csv", n=3, prefix="raced")
    second = outputs_csv(tmp_path / "second.csv", n=3, prefix="raced", note="other bytes")
    real_validate = ingest._validate
    loaded: list[str] = []

    def validate_then_lose_the_race(*args, **kwargs):
        result = real_validate(*args, **kwargs)
        if args[0] == second:  # the other analyst's load lands between our validation and write
            loaded.append(ingest.ingest(first, db=lake).batch_id)
        return result

    with pytest.MonkeyPatch.context() as m:
        m.setattr(ingest, "_validate", validate_then_lose_the_race)
        report = ingest.ingest(second, db=lake)
    assert not report.loaded
    assert [(p.row, p.column) for p in report.problems] == [(r, "output_id") for r in (2, 3, 4)]
    assert f"loaded in batch {loaded[0]}" in report.problems[0].message
    assert scalar(lake, "select count(*) from outputs where output_id like 'raced-%'") == 3


def test_a_busy_lake_is_one_clear_message(lake: backend.Target, tmp_path: Path, monkeypatch):
    def always_busy(*args, **kwargs):
        raise backend.LakeBusy("the lake is busy: 40 attempts lost to other writers")

    monkeypatch.setattr(backend, "write_transaction", always_busy)
    before = fingerprints(lake)
    with pytest.raises(ingest.IngestError) as caught:
        ingest.ingest(outputs_csv(tmp_path / "busy.csv", n=2, prefix="busy"), db=lake)
    assert str(caught.value) == "the lake is busy; nothing was loaded, try again"
    assert fingerprints(lake) == before


def test_upload_page_loads_and_undoes_on_the_lake(lake: backend.Target, tmp_path: Path, monkeypatch):
    from tests.test_upload_page import PASSWORD, open_page, sign_in, texts

    for key, value in lake_env(lake).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    at = sign_in(open_page(), PASSWORD)
    data = outputs_csv(tmp_path / "page.csv", prefix="page").read_bytes()
    at.file_uploader[0].set_value(("page.csv", data, "text/csv"))
    at.run()
    next(t for t in at.text_input if t.label.startswith("Your name")).input("Page User")
    at.run()
    next(b for b in at.button if b.label == "Load 3 rows into outputs").click()
    at.run()
    assert not at.exception, at.exception
    batch = scalar(lake, "select batch_id from ingest_batches where file_name = 'page.csv'")
    assert f"Loaded batch {batch}" in texts(at.success).replace("\\", "")
    assert scalar(lake, "select count(*) from outputs where batch_id = $b", {"b": batch}) == 3
    assert backend.history(lake, limit=1)[0].author == "Page User"

    next(b for b in at.button if b.label == f"Undo {batch}").click()
    at.run()
    next(b for b in at.button if b.label == "Yes, undo this batch").click()
    at.run()
    assert not at.exception, at.exception
    assert f"Undone batch {batch}: removed 3 rows" in texts(at.success).replace("\\", "")
    assert scalar(lake, "select count(*) from outputs where batch_id = $b", {"b": batch}) == 0
