"""Nothing an analyst loaded is ever lost, whatever the order of writes
(issue 30, item 2): random short sequences of ingest, undo, restore (refused,
--keep-loads, --discard-loads) and build (refused, --keep-loads,
--discard-loads), with only 1 backup kept so pruning happens at once. After
every step, every batch ever loaded and not undone by the test has all its
rows live, or in a CSV a --discard-loads wrote, or still loaded in a kept
backup. Seeded and bounded: a few dozen sequences of at most 5 steps."""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fivebarriers.data import build, ingest, restore
from fivebarriers.store import backups
from tests.test_ingest import outputs_csv

# Slow: sequences of real loads, undos, restores and builds; the whole suite runs it, --quick does not.
pytestmark = pytest.mark.slow

FLAGS = ["refuse", "keep", "discard"]
STEP = st.one_of(
    st.tuples(st.just("ingest"), st.integers(1, 3)),
    st.tuples(st.just("undo"), st.integers(0, 9)),
    st.tuples(st.just("restore"), st.integers(1, 3), st.sampled_from(FLAGS)),
    st.tuples(st.just("build"), st.sampled_from(FLAGS)),
)


def rows_in(path: Path, batch: str) -> set[str] | None:
    """Output ids of `batch` in a database file, if it is loaded there."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        loaded = con.execute(
            "select count(*) from ingest_batches where batch_id = $b and outcome = 'loaded'", {"b": batch}
        ).fetchone()[0]
        if not loaded:
            return None
        found = con.execute("select output_id from outputs where batch_id = $b", {"b": batch}).fetchall()
        return {r[0] for r in found}
    finally:
        con.close()


def written_out(folder: Path, batch: str) -> set[str]:
    ids: set[str] = set()
    for path in folder.glob(f"*.discarded-loads-*/{batch}-outputs.csv"):
        with path.open(encoding="utf-8") as f:
            ids |= {row["output_id"] for row in csv.DictReader(f)}
    return ids


def assert_nothing_lost(db: Path, ever: dict[str, set[str]], undone: set[str], done: list[str]) -> None:
    places = [db, *(b.path for b in backups.listing(db))]
    for batch, ids in ever.items():
        if batch in undone:
            continue  # taken out on purpose
        if written_out(db.parent, batch) >= ids:
            continue
        assert any(rows_in(place, batch) == ids for place in places), (
            f"batch {batch} ({len(ids)} rows) is nowhere after {done}"
        )


def run_step(step: tuple, db: Path, folder: Path, ever: dict[str, set[str]], undone: set[str]) -> str:
    kind = step[0]
    if kind == "ingest":
        prefix = f"s{len(ever)}"
        report = ingest.ingest(outputs_csv(folder / f"{prefix}.csv", n=step[1], prefix=prefix), db=db)
        assert report.loaded, report.lines()
        ever[report.batch_id] = {f"{prefix}-{i}" for i in range(step[1])}
        return f"ingest {report.batch_id}"
    if kind == "undo":
        live = ingest.batches(db).query("outcome == 'loaded'").batch_id.tolist()
        if not live:
            return "undo (nothing loaded)"
        batch = live[step[1] % len(live)]
        ingest.undo(batch, db=db)
        undone.add(batch)
        return f"undo {batch}"
    if kind == "restore":
        _, which, flag = step
        if len(backups.listing(db)) < which:
            return f"restore {which} (no such backup)"
        try:
            restore.restore(db, str(which), loads=flag)
        except restore.LoadsWouldBeLost:
            assert flag == "refuse"  # told what to do with the loads, a restore goes ahead
            return f"restore {which} {flag}: refused"
        return f"restore {which} {flag}"
    _, flag = step
    try:
        build.build(db, loads=flag)
    except build.LoadsWouldBeLost:
        assert flag == "refuse"
        return f"build {flag}: refused"
    return f"build {flag}"


@settings(
    derandomize=True,
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(STEP, min_size=1, max_size=5))
# The review's finding 2, shortest forms: loads made after the newest backup,
# a restore of it, then a write whose backup rotates the replaced file out.
@example(steps=[("ingest", 2), ("restore", 1, "refuse"), ("build", "refuse")])
@example(steps=[("ingest", 1), ("undo", 0), ("ingest", 3), ("restore", 1, "keep"), ("undo", 0)])
@example(steps=[("ingest", 2), ("restore", 1, "discard"), ("ingest", 1), ("undo", 0)])
def test_no_sequence_of_writes_loses_a_load(steps: list[tuple], built_db: Path, monkeypatch) -> None:
    monkeypatch.setenv(backups.ENV_BACKUPS, "1")
    with tempfile.TemporaryDirectory(prefix="fivebarriers-property-") as tmp:
        folder = Path(tmp)
        db = folder / "fivebarriers.duckdb"
        shutil.copyfile(built_db, db)
        backups.keep(db, None, "start")  # a backup from the start, as a database that was built before has
        ever: dict[str, set[str]] = {}
        undone: set[str] = set()
        done: list[str] = []
        for step in steps:
            done.append(run_step(step, db, folder, ever, undone))
            assert_nothing_lost(db, ever, undone, done)
