"""The search index follows each write (issue 16): a load or an undo changes
only the documents it touched, and leaves the index exactly as a full
rebuild of the same data would make it, so what a search finds never
depends on the order things were loaded in."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fivebarriers.data import ingest
from fivebarriers.store import search_index
from fivebarriers.store.db import Database
from fivebarriers.views import search
from tests.test_build_loads import pilots_csv
from tests.test_ingest import outputs_csv

# The index by content, not by its internal ids (a full rebuild numbers
# documents and terms afresh).
CONTENT = {
    "documents": "select kind, kind_order, entity_id, label, title, body, detail, len from search.documents",
    "postings": (
        "select d.kind, d.entity_id, d.title, d.body, t.kind_order, t.len, t.tf, x.term, x.df"
        " from search.terms t join search.documents d using (docid) join search.dictionary x using (termid)"
    ),
    "dictionary": "select term, df from search.dictionary",
    "words": "select w.word, x.term, w.df from search.words w join search.dictionary x using (termid)",
    "stopwords": "select word from search.stopwords",
    "stats": "select num_docs, round(avgdl, 9) from search.stats",
}


def index_content(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in CONTENT.items()}
    finally:
        con.close()


def rebuilt_content(path: Path, tmp_path: Path) -> dict[str, list[tuple]]:
    """The index a full rebuild makes of the same data."""
    copy = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(path, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("begin")
        search_index.rebuild(con)
        con.execute("commit")
    finally:
        con.close()
    return index_content(copy)


def found(path: Path, words: str) -> list[tuple[str, str]]:
    with Database(path) as db:
        return [
            (h["kind"], h["entity_id"])
            for h in db.query("search_hits", q=words, per_kind=search.PER_KIND).dicts()
        ]


@pytest.mark.slow
def test_a_load_and_its_undo_change_the_index_as_a_rebuild_would(fresh_db: Path, tmp_path: Path):
    before = index_content(fresh_db)
    assert found(fresh_db, "zebrafish") == []
    report = ingest.ingest(
        outputs_csv(tmp_path / "z.csv", n=2, prefix="zebra", measure="Zebrafish crossings mended"),
        db=fresh_db,
    )
    assert report.ok and report.loaded, report.lines()
    assert ("result", "good-help-hub") in found(fresh_db, "zebrafish")
    loaded = index_content(fresh_db)
    assert loaded != before
    assert loaded == rebuilt_content(fresh_db, tmp_path)

    ingest.undo(report.batch_id, db=fresh_db)
    assert found(fresh_db, "zebrafish") == []
    assert index_content(fresh_db) == before


def test_results_whose_measures_are_already_indexed_change_nothing(fresh_db: Path, tmp_path: Path):
    with Database(fresh_db) as db:
        measure = db.execute(
            "select measure from outputs where pilot_id = 'good-help-hub' order by output_id limit 1"
        ).single_value()
    before = index_content(fresh_db)
    report = ingest.ingest(
        outputs_csv(tmp_path / "same.csv", n=3, prefix="same", measure=measure), db=fresh_db
    )
    assert report.ok and report.loaded, report.lines()
    assert index_content(fresh_db) == before


def test_a_new_pilot_is_found_by_name_and_goes_with_its_undo(fresh_db: Path, tmp_path: Path):
    before = index_content(fresh_db)
    report = ingest.ingest(pilots_csv(tmp_path / "p.csv"), db=fresh_db)
    assert report.ok and report.loaded, report.lines()
    assert ("pilot", "loaded-pilot") in found(fresh_db, "loaded pilot wakefield")
    assert index_content(fresh_db) == rebuilt_content(fresh_db, tmp_path)
    ingest.undo(report.batch_id, db=fresh_db)
    assert ("pilot", "loaded-pilot") not in found(fresh_db, "loaded pilot wakefield")
    assert index_content(fresh_db) == before


def test_refresh_with_nothing_changed_touches_nothing(fresh_db: Path):
    con = duckdb.connect(str(fresh_db))
    try:
        con.execute("begin")
        change = search_index.refresh(con, ["good-help-hub", "east-sussex-fuel-poverty"])
        con.execute("rollback")
    finally:
        con.close()
    assert (change.removed, change.added) == (0, 0) and change.documents > 100
