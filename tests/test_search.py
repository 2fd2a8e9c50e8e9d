"""Search, the pilot and programme pages, Compare and the link helper, on
the database built from data/ (and the search index on a DuckLake too):
what a champion types finds what they mean."""

from __future__ import annotations

import pandas as pd
import pytest

from fivebarriers.store import backend
from fivebarriers.store.db import Database
from fivebarriers.views import compare, links, search
from tests.test_pages import page_text, run_page


def hits(db: Database, words: str) -> list[dict]:
    return db.query("search_hits", q=words, per_kind=search.PER_KIND).dicts()


@pytest.fixture(scope="module")
def db(built_db):
    with Database(built_db) as database:
        yield database


def test_good_help_finds_the_hub_first(db):
    found = hits(db, "good help")
    assert (found[0]["kind"], found[0]["entity_id"]) == ("pilot", "good-help-hub")
    assert {"good", "help"} <= set(found[0]["words"])  # the words to mark


def test_an_old_department_name_finds_the_department(db):
    found = hits(db, "DLUHC")
    assert (found[0]["kind"], found[0]["entity_id"]) == ("department", "mhclg")
    assert found[0]["label"] == "Ministry of Housing, Communities and Local Government (MHCLG)"


@pytest.mark.parametrize(
    ("words", "kind", "entity_id"),
    [
        ("Croxeth", "place", "croxteth"),  # a letter missing
        ("croxtteth", "place", "croxteth"),  # a letter too many
        ("east sus", "place", "east-sussex"),  # the start of a word
        ("helping", "pilot", "good-help-hub"),  # another form of a word
        ("Whole-place Community Budgets", "programme", "wpcb"),
    ],
)
def test_names_are_found_despite_typos_and_half_words(db, words, kind, entity_id):
    found = [(h["kind"], h["entity_id"]) for h in hits(db, words)]
    assert (kind, entity_id) in found, found


def test_nothing_and_stop_words_find_nothing(db):
    assert hits(db, "zzqxj") == []
    assert hits(db, "the of and") == []
    assert hits(db, "") == []


def test_search_text_is_data_not_sql(db):
    # Quotes, SQL and Markdown in the box are only words to look for.
    found = hits(db, "'; drop table pilots; -- [x](http://evil)")
    assert all(h["kind"] in search.KINDS for h in found)
    assert db.execute("select count(*) from pilots").single_value() == 22


def test_the_index_is_rebuilt_by_every_build(tmp_path):
    from fivebarriers.data import build

    target = backend.Target(str(tmp_path / "fresh.duckdb"))
    build.build(target)
    with Database(target) as fresh:
        documents = fresh.execute("select count(*) from search.documents").single_value()
        pilots = fresh.execute("select count(*) from search.documents where kind = 'pilot'").single_value()
    assert pilots == 22 and documents > 100


def test_search_works_on_the_lake(built_lake):
    with Database(built_lake) as lake:
        found = hits(lake, "Croxeth")
    assert ("place", "croxteth") in [(h["kind"], h["entity_id"]) for h in found]


def test_marking_escapes_and_bolds_only_matched_words():
    assert search.mark("Good Help Hub, Croxteth", ["good", "help"]) == "**Good** **Help** Hub, Croxteth"
    # escaped whole, so the address is broken (U+2060) before the words are marked
    marked = search.mark("[x](http://evil) *help*", ["help"])
    assert marked == "\\[x\\]\\(http\u2060\\://evil\\) \\***help**\\*"


def test_links_are_escaped_and_encoded():
    assert (
        links.md("pilot", "good-help-hub", "Good Help Hub") == "[Good Help Hub](pilots?pilot=good-help-hub)"
    )
    evil = links.md("place", "a b&c=d", "[evil](http://x)")
    assert evil == "[\\[evil\\]\\(http\u2060\\://x\\)](places?place=a%20b%26c%3Dd)"  # address broken
    assert links.md("place", None, "Nowhere") == "Nowhere"
    shown, config = links.grid(pd.DataFrame({"Pilot": [links.md("pilot", "p1", "A, B")], "n": [1]}))
    assert shown["Pilot"][0] == "pilots?pilot=p1#A%2C%20B"
    assert set(config) == {"Pilot"}


def test_chart_tables_link_their_names_and_downloads_keep_them_plain(db):
    from fivebarriers.views import chart_panel, result_tables

    rows = db.query("headline_results", programme=None, limit=12).dicts()
    counts = db.query("scope_goal_counts", **result_tables.goal_scope("programme", None)).dicts()[0]
    chart = result_tables.goal_chart(rows, counts, "all programmes")
    shown = chart_panel.linked_table(chart)
    hub = rows.index(next(r for r in rows if r["pilot_id"] == "good-help-hub"))
    assert shown["Pilot"][hub] == "[Good Help Hub, Croxteth](pilots?pilot=good-help-hub)"
    assert shown["Place"][hub] == "[Croxteth](places?place=croxteth)"
    assert chart.table["Pilot"][hub] == "Good Help Hub, Croxteth"  # the CSV download


def test_barrier_evidence_names_its_place_and_source_as_links(db):
    from fivebarriers.views import barriers

    evidence = db.query("barrier_evidence", barrier="structures", place=None, programme=None).dicts()
    lines = [where for _, where in barriers.qualitative_lines(evidence)]
    lines += [where for _, _, where in barriers.figure_lines(evidence)]
    assert any("](places?place=" in line for line in lines), lines
    assert all("](sources?source=" in line for line in lines)
    # The plain wording is the same text without the links.
    row = evidence[0]
    assert barriers.provenance_text(row) == links.plain(barriers.provenance_md(row))
    assert "[" not in barriers.provenance_text(row)


@pytest.mark.parametrize(
    ("words", "best_level", "said"),
    [
        ("good help", 1, "2 results for “good help”."),
        ("east sus", 1, None),  # the last word may be the start of one
        ("Family Hub", 2, "2 results with all of the words."),
        ("family zzqxj", 3, None),
        ("Croxeth", 3, None),
    ],
)
def test_search_says_how_well_it_matched(db, words, best_level, said):
    """Issue 26: the words as typed side by side (1), every word apart (2),
    some or similar words (3). Within each kind the better matches come
    first, and the page says so when none holds the words as typed."""
    found = hits(db, words)
    assert found[0]["best_level"] == best_level
    for kind in {r["kind"] for r in found}:
        levels = [r["level"] for r in found if r["kind"] == kind]
        assert levels == sorted(levels)
    if said:
        assert search.summary(words, found) == said
    if best_level == 1:
        assert search.no_exact_text(words, found) is None
    else:
        wording = {2: "all of the words", 3: "some of the words" if " " in words else "a similar word"}
        assert (
            search.no_exact_text(words, found)
            == f"No exact match for “{words}”. Results with {wording[best_level]}:"
        )


def test_exact_matches_come_first_within_a_kind(db):
    found = [r for r in hits(db, "homes") if r["kind"] == "pilot"]
    assert found[0]["level"] == 1 and found[-1]["level"] > 1
    assert search.summary("homes", hits(db, "homes")).endswith("exact matches first.")


def test_search_page_says_there_is_no_exact_match():
    text = page_text(run_page("pages/search.py", q="Family Hub"))
    assert "No exact match for “Family Hub”. Results with all of the words:" in text


def test_search_page_groups_hits_and_links_them():
    at = run_page("pages/search.py", q="DLUHC")
    assert next(s.value for s in at.subheader).startswith("Departments")
    empty = run_page("pages/search.py", q="zzqxj")
    assert "Nothing matches “zzqxj”." in page_text(empty)
    assert any("Check the spelling" in i.value for i in empty.info)


def test_pilot_page_shows_the_hub_with_its_four_results():
    at = run_page("pages/pilots.py", pilot="good-help-hub")
    text = page_text(at)
    assert at.title[0].value == "Good Help Hub, Croxteth"
    assert "All 4 of its results:" in text
    # issue 12: the goal counted another measure, so it is never divided into; issue 25:
    # the report compares them itself, so the page does, in the report's words
    assert "the report says this passed its original goal of 100" in text
    assert "5.5×" not in text
    assert any("[Croxteth](places?place=croxteth)" in m.value for m in at.main.markdown)
    departments = next(
        t.value
        for t in at.table
        if "Role" in t.value.columns and "Department (name at the time)" in t.value.columns
    )
    # Review C8 60: a column empty on every row is not shown; the role reads "mentioned only".
    assert "Known today as" not in departments.columns
    assert "mentioned only" in set(departments["Role"])
    assert "[Department for Work and Pensions \\(DWP\\)](departments?department=dwp)" in set(
        departments["Department (name at the time)"]
    )


def test_unknown_pilot_or_programme_gets_the_usual_message():
    at = run_page("pages/pilots.py", pilot="atlantis")
    assert any("“atlantis”, which is not in the data" in w.value for w in at.warning)
    at = run_page("pages/programmes.py", programme="atlantis")
    assert any("“atlantis”, which is not in the data" in w.value for w in at.warning)


def test_programme_page_lists_its_pilots_and_lead():
    at = run_page("pages/programmes.py", programme="pfpp")
    text = page_text(at)
    # The lead's names over PfPP's years, linked to the department (audit R5).
    assert "Led by: [MHCLG, then DLUHC from 19 September 2021](departments?department=mhclg)" in text
    assert "Good Help Hub, Croxteth" in text


def test_compare_reads_and_writes_the_url():
    at = run_page("pages/compare.py", kind="place", ids="liverpool,east-sussex,atlantis")
    assert any("atlantis" in w.value for w in at.warning)
    table = at.table[0].value
    assert list(table.columns[1:]) == ["Liverpool", "East Sussex"]
    assert at.query_params["ids"] == "liverpool,east-sussex"


def test_compare_keeps_at_most_four():
    options = {str(i): str(i) for i in range(6)}
    chosen, message = compare.parse_ids("0,1,2,3,4,5", options, "place")
    assert chosen == ["0", "1", "2", "3"] and "first 4" in message


def test_a_map_selection_names_the_place_clicked():
    from fivebarriers.views import map_click

    points = [
        {"place_id": "liverpool", "lon": -2.99, "lat": 53.41},
        {"place_id": "hastings", "lon": 0.57, "lat": 50.86},
    ]
    clicked = {"selection": {"points": [{"curve_number": 1, "point_index": 4, "x": 0.57, "y": 50.86}]}}
    assert map_click.clicked_place(clicked, points) == "hastings"
    assert map_click.clicked_place({"selection": {"points": []}}, points) is None
    assert map_click.clicked_place(None, points) is None
    assert map_click.selection_key(clicked) == (1, 4, 0.57, 50.86)


def test_compare_counts_goals_as_the_overview_does(db):
    # The report itself says the Hub's 550 passed its original goal of 100 (issue 25),
    # and the Overview counts it so: Compare counts it the same way; East Sussex fell short.
    rows = compare.ordered(
        db.query("compare_facts", kind="place", ids=["liverpool", "east-sussex"]).dicts(),
        ["liverpool", "east-sussex"],
    )
    table = compare.side_by_side(rows, "place")
    line = table[table.iloc[:, 0] == "Results that passed their goal"].iloc[0].tolist()[1:]
    assert line == ["1 of 1", "0 of 1"]
