"""Where each barrier came up (queries/barrier_reach.sql): distinct places
from findings and pilots held back by it, rolled up to the place a programme
worked in, ranked; shown on the Overview and on each barrier page."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fivebarriers import queries
from fivebarriers.store.db import Database
from fivebarriers.views import links
from tests.test_pages import page_text, run_page

# What the sources and pilots in data/ say, place by place (review H3: the
# right answer is data-sharing, 4 places; Funding's 11 findings include four
# about England as a whole, which is not a place).
EXPECTED = {
    "data-sharing": ["Birmingham", "Bradford", "Greater Manchester", "Liverpool (Croxteth)"],
    "culture": ["Birmingham", "Cornwall (Bodmin)", "Greater Manchester"],
    "funding": ["Cornwall", "East Sussex (Hastings)", "Greater Manchester"],
    "structures": ["East Sussex (Hastings)", "Liverpool (Croxteth)"],
    "priorities": ["East Sussex (Hastings)", "Greater Manchester"],  # audit I3: the finding is about Hastings
}


@pytest.fixture(scope="module")
def reach(built_db) -> list[dict]:
    handle = Database(built_db)
    try:
        return handle.query("barrier_reach").dicts()
    finally:
        handle.close()


def test_data_sharing_came_up_in_the_most_places(reach):
    assert reach[0]["barrier_id"] == "data-sharing"
    assert reach[0]["places"] == 4
    assert all(int(r["places"]) < 4 for r in reach[1:])
    assert [int(r["places"]) for r in reach] == sorted((int(r["places"]) for r in reach), reverse=True)


def test_each_barriers_places_are_listed(reach):
    assert {r["barrier_id"]: list(r["place_names"]) for r in reach} == EXPECTED
    for r in reach:
        assert r["places"] == len(r["place_names"]) == len(r["place_ids"])
    # Croxteth, Hastings and Bodmin count as their PfPP place, once each.
    data_sharing = next(r for r in reach if r["barrier_id"] == "data-sharing")
    assert "liverpool" in data_sharing["place_ids"] and "croxteth" not in data_sharing["place_ids"]


def test_the_sources_own_count_is_kept_apart(reach):
    by_id = {r["barrier_id"]: r for r in reach}
    share = by_id["data-sharing"]
    assert (share["source_value"], share["source_denominator"], share["source_programme"]) == (6, 13, "PfPP")
    assert all(by_id[b]["source_value"] is None for b in EXPECTED if b != "data-sharing")


def _rolled_up(con: duckdb.DuckDBPyConnection, place_id: str) -> str | None:
    """The same rule in Python: the nearest place at or above that a programme
    names (a country or nation never), else the place; None for a country."""
    parents = dict(con.execute("select place_id, parent_id from places").fetchall())
    kinds = dict(con.execute("select place_id, kind from places").fetchall())
    named = {p for (p,) in con.execute("select place_id from programme_places").fetchall()}
    walk = place_id
    while walk is not None:
        if walk in named and kinds[walk] not in ("country", "nation"):
            return walk
        walk = parents.get(walk)
    return None if kinds[place_id] in ("country", "nation") else place_id


INSERT_FINDING = """
insert into barrier_evidence (evidence_id, barrier_id, place_id, finding, source_id, locator, basis)
values (?, 'priorities', ?, ?, 'pfpp-guidance-2024', 'Test section', 'stated in source')
"""


@pytest.fixture(scope="module")
def scratch(built_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reach") / "reach.duckdb"
    shutil.copyfile(built_db, path)
    return path


@settings(derandomize=True, max_examples=12, deadline=None)
@given(data=st.data())
def test_any_set_of_findings_counts_each_rolled_up_place_once(scratch, data):
    """New findings about any places, some repeated: the count is the number of
    distinct places they roll up to, joined with those already there."""
    con = duckdb.connect(str(scratch))
    try:
        all_places = [p for (p,) in con.execute("select place_id from places order by place_id").fetchall()]
        chosen = data.draw(st.lists(st.sampled_from(all_places), min_size=1, max_size=8))
        con.execute("begin")
        reach_ids = "select barrier_id, place_ids from (" + _reach_sql() + ")"
        before = {r[0]: set(r[1]) for r in con.execute(reach_ids).fetchall()}
        for n, place in enumerate(chosen):
            con.execute(INSERT_FINDING, [f"test-{n}", place, f"Finding {n} about {place}"])
        after = dict(con.execute(reach_ids).fetchall())
        expected = before["priorities"] | {p for p in (_rolled_up(con, c) for c in chosen) if p}
        assert set(after["priorities"]) == expected
        assert len(after["priorities"]) == len(set(after["priorities"]))
        con.execute("rollback")
    finally:
        con.close()


def _reach_sql() -> str:
    return queries.sql("barrier_reach").strip().rstrip(";")


def test_overview_ranks_the_barriers_by_places():
    at = run_page("pages/overview.py")
    text = page_text(at)
    assert "Data-sharing came up in the most places: 4" in text
    headings = [h.value.replace("\\", "") for h in at.header]
    # The ranked chart is the first section under the title, above the cards.
    assert headings.index("Data-sharing came up in the most places: 4") < headings.index("The five barriers")
    data_sharing = "Came up in 4 places · 7 findings (1 linked by our judgement) · 1 pilot tackled it"
    assert data_sharing + " · 2 recommendations" in text
    # Funding: most findings, not most places; and 5 of its 11 are the team's reading (audit I5).
    assert "Came up in 3 places · 11 findings (5 linked by our judgement) · 4 pilots tackled it ·" in text
    assert "5 pilots tackled it (4 linked by our judgement)" in text  # Structures and Culture


def test_barrier_page_says_where_it_came_up_and_the_sources_own_count():
    text = links.plain(page_text(run_page("pages/barriers.py", barrier="data-sharing")))
    assert "Came up in 4 places: Birmingham, Bradford, Greater Manchester, Liverpool (Croxteth)." in text
    assert "PfPP report: 6 of 13 places" in text
    assert "Data-sharing was a barrier in 6 of the 13 PfPP places" in text


def test_the_place_roll_up_is_written_once(monkeypatch, tmp_path):
    """Issue 26: the roll-up is one file (place_rollup.sql) that the reach and
    the map include, not two copies that can drift apart; an include expands to
    the included text (itself expanded), and a missing one is an unknown query."""
    from fivebarriers.config import QUERIES_DIR

    defining = [p.name for p in sorted(QUERIES_DIR.glob("*.sql")) if "rolled_up as (" in p.read_text()]
    assert defining == ["place_rollup.sql"]
    for name in ("barrier_reach", "place_map"):
        assert "@include(place_rollup)" in (QUERIES_DIR / f"{name}.sql").read_text()
        assert "@include" not in queries.sql(name) and "place_rollup as (" in queries.sql(name)
    (tmp_path / "inner.sql").write_text("-- inner\nx as (select 1 as n)\n")
    (tmp_path / "middle.sql").write_text("@include(inner),\ny as (select n + 1 as n from x);\n")
    (tmp_path / "outer.sql").write_text("with\n@include(middle)\nselect n from y;\n")
    (tmp_path / "broken.sql").write_text("with\n@include(nowhere)\nselect 1;\n")
    monkeypatch.setattr(queries, "QUERIES_DIR", tmp_path)
    assert duckdb.sql(queries.sql("outer")).fetchall() == [(2,)]
    with pytest.raises(queries.UnknownQuery):
        queries.sql("broken")
