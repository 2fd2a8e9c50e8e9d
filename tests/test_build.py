"""The curated data builds into a database that keeps every promise of the data contract."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fivebarriers.config import DATA_DIR
from fivebarriers.data import build
from tests.helpers import table_checksums


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb*", "*.lock"))
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def test_counts_per_table(built_db: Path):
    con = duckdb.connect(str(built_db), read_only=True)
    counts = {t: con.table(t).count("*").fetchone()[0] for t in ("barriers", "recommendations", "places")}
    pfpp_places = con.execute("select count(*) from programme_places where programme_id = 'pfpp'").fetchone()[
        0
    ]
    con.close()
    assert counts["barriers"] == 5
    assert counts["recommendations"] == 12
    assert pfpp_places == 13


@pytest.mark.slow  # two builds from scratch
def test_two_builds_have_identical_contents(tmp_path: Path):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build.build(a)
    build.build(b)
    assert table_checksums(a) == table_checksums(b)


@pytest.mark.slow  # two builds from scratch
def test_build_replaces_atomically_and_leaves_no_temp_files(tmp_path: Path):
    db = tmp_path / "x.duckdb"
    build.build(db)
    build.build(db)
    leftovers = [p.name for p in tmp_path.iterdir() if ".tmp" in p.name or p.name.endswith(".wal")]
    assert leftovers == []


# Each case is a build from scratch (about 2 s): slow, as every build is.
@pytest.mark.slow
@pytest.mark.parametrize(
    ("file", "old", "new", "anchor", "expected"),
    [
        (
            "outputs.csv",
            "Business cases developed,business cases,,,,,6,exactly,achieved,reported,,,pfpp-guidance-2024",
            "Business cases developed,business cases,,,,,6,exactly,achieved,reported,,,",
            "cwac-business-cases",
            "column source_id: source_id is empty",
        ),
        (
            "outputs.csv",
            "referrals,,50,50,,,,achieved,not reported",
            "referrals,,50,50,,0,exactly,achieved,not reported",
            "bodmin-referrals",
            "column actual: status is 'not reported' but actual is 0",
        ),
        (
            "outputs.csv",
            "homes,,100,150,,67",
            "homes,,150,100,,67",
            "es-homes-improved",
            "column target_low: target_low (150) is above target_high (100): swap them",
        ),
        (
            "pilots.csv",
            'good-help-hub,"Good Help Hub, Croxteth",pfpp,croxteth,',
            'good-help-hub,"Good Help Hub, Croxteth",pfpp,croxteth-north,',
            "good-help-hub,",
            "column place_id: unknown place 'croxteth-north'",
        ),
        (
            "outputs.csv",
            ",550,over,achieved,reported,2023-03-31",
            ",550,over,achieved,reported,2030-03-31",
            "ghh-people-helped",
            "column period_end: an achieved result cannot end in the future",
        ),
        (
            "places.csv",
            "croxteth,Croxteth,neighbourhood,liverpool,",
            "croxteth,Croxteth,neighbourhood,croxteth,",
            "croxteth,Croxteth",
            "column parent_id: a place cannot be its own parent",
        ),
    ],
    ids=[
        "missing-source",
        "zero-for-not-reported",
        "range-reversed",
        "unknown-place",
        "future",
        "own-parent",
    ],
)
def test_bad_row_fails_build_with_file_line_and_reason(
    data_copy: Path, tmp_path: Path, file, old, new, anchor, expected
):
    path = data_copy / file
    replace_in(path, old, new)
    line = line_of(path, anchor)
    db = tmp_path / "out.duckdb"
    build.build(db)  # a good database first: a failed build must leave it untouched
    before = db.read_bytes()
    with pytest.raises(build.BuildError) as err:
        build.build(db, data_copy)
    assert f"{file}, line {line}, {expected}" in "\n".join(err.value.problems)
    assert db.read_bytes() == before


def test_every_problem_is_reported_at_once(data_copy: Path, tmp_path: Path):
    replace_in(data_copy / "outputs.csv", "homes,,100,150,,67", "homes,,150,100,,67")
    replace_in(data_copy / "outputs.csv", "referrals,,50,50,,,,", "referrals,,50,50,,0,exactly,")
    with pytest.raises(build.BuildError) as err:
        build.build(tmp_path / "x.duckdb", data_copy)
    assert len(err.value.problems) == 2


def test_header_problems_are_named(data_copy: Path, tmp_path: Path):
    replace_in(data_copy / "outputs.csv", "output_id,pilot_id,measure", "output_id,pilot,measure")
    with pytest.raises(build.BuildError) as err:
        build.build(tmp_path / "x.duckdb", data_copy)
    text = "\n".join(err.value.problems)
    assert "outputs.csv line 1: missing column(s) pilot_id" in text
    assert "outputs.csv line 1: unknown column(s) pilot" in text


def test_ensure_built_builds_only_when_missing(tmp_path: Path):
    db = tmp_path / "lazy.duckdb"
    assert build.ensure_built(db) is True
    mtime = db.stat().st_mtime_ns
    assert build.ensure_built(db) is False
    assert db.stat().st_mtime_ns == mtime
