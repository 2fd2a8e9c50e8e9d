"""The pages' named queries return the right figures on the database built
from data/ (the session fixture built_db)."""

from __future__ import annotations

import pytest

from fivebarriers.store import schema
from fivebarriers.store.db import Database

NO_FILTERS = dict(barrier=None, place=None, department=None, programme=None, kind=None, status=None)


@pytest.fixture(scope="module")
def db(built_db):
    handle = Database(built_db)
    yield handle
    handle.close()


def test_barrier_evidence_keeps_six_of_thirteen_as_a_share(db):
    rows = db.query("barrier_evidence", barrier="data-sharing", place=None, programme=None).dicts()
    share = rows[0]
    assert (share["value"], share["denominator"], share["value_unit"]) == (6, 13, "places")
    assert sum(1 for r in rows if r["value"] is None) == 6  # qualitative findings, listed not charted
    assert {r["place_name"] for r in rows if r["place_name"]} == {
        "Bradford",
        "Croxteth",
        "Birmingham",
        "Greater Manchester",
    }


def test_barrier_pilots_show_role_and_basis(db):
    rows = {
        r["pilot_id"]: r
        for r in db.query(
            "barrier_pilots_page", barrier="structures", place=None, programme=None, limit=500, offset=0
        ).dicts()
    }
    assert rows["good-help-hub"]["role"] == "addressed"
    assert rows["good-help-hub"]["basis"] == "stated in source"
    assert rows["wpcb-transformation-network"]["basis"] == "our reading"
    assert rows["east-sussex-fuel-poverty"]["role"] == "faced"
    assert rows["good-help-hub"]["outputs"] == 4


def test_barrier_views_narrowed_to_a_place_or_programme(db):
    """Issue 26: the Barriers page's ?place= and ?programme=. Unnarrowed, the
    narrowed queries give the page's rows exactly; Liverpool holds Croxteth's
    finding, pilot and results; a programme keeps only its own."""
    everywhere = {"place": None, "programme": None}
    for barrier in [r["barrier_id"] for r in db.query("barrier_summary").dicts()]:
        assert db.query("barrier_results_within", barrier=barrier, **everywhere, limit=50).dicts() == (
            db.query("barrier_results", barrier=barrier, limit=50).dicts()
        )
    liverpool = {"barrier": "data-sharing", "place": "liverpool", "programme": None}
    findings = db.query("barrier_evidence", **liverpool).dicts()
    assert [(r["evidence_id"], r["place_name"]) for r in findings] == [("ds-croxteth-fears", "Croxteth")]
    assert db.query("barrier_pilot_counts", **liverpool).dicts()[0]["links"] == 1
    pilots = db.query("barrier_pilots_page", **liverpool, limit=10, offset=0).dicts()
    assert [r["pilot_id"] for r in pilots] == ["good-help-hub"]
    results = db.query("barrier_results_within", **liverpool, limit=50).dicts()
    assert {r["pilot_id"] for r in results} == {"good-help-hub"} and len(results) == 4
    troubled = {"barrier": "data-sharing", "place": None, "programme": "troubled-families"}
    assert [r["evidence_id"] for r in db.query("barrier_evidence", **troubled).dicts()] == [
        "ds-tf-gm-information"
    ]
    assert {
        r["pilot_id"] for r in db.query("barrier_pilots_page", **troubled, limit=10, offset=0).dicts()
    } <= {
        "troubled-families-gm",
        "troubled-families-national",
    }


def test_barrier_goal_chart_narrowed_counts_the_results_listed(db):
    """Issue 26: the goal chart of data-sharing in Liverpool (or in a programme)
    counts and draws the results of the pilots the list under it shows: the
    barrier's pilots in that place or a place within it, and that programme;
    unnarrowed, it is the barrier's chart as before."""
    from fivebarriers.views import result_tables

    for place, programme in (("liverpool", None), (None, "troubled-families"), ("liverpool", "pfpp")):
        within = {"place": place, "programme": programme}
        scope = result_tables.goal_scope("barrier", "data-sharing", **within)
        counts = db.query("scope_goal_counts", **scope).dicts()[0]
        listed = db.query("barrier_results_within", barrier="data-sharing", **within, limit=500).dicts()
        assert counts["results"] == len(listed)
        assert counts["with_goal"] == sum(1 for r in listed if r["target_low"] is not None)
        drawn = db.query("scope_goal_results", **scope, limit=12).dicts()
        assert {r["output_id"] for r in drawn} <= {r["output_id"] for r in listed}
        assert len(drawn) == min(12, counts["with_goal"])
    liverpool = result_tables.goal_scope("barrier", "data-sharing", place="liverpool")
    drawn = db.query("scope_goal_results", **liverpool, limit=12).dicts()
    assert {r["pilot_id"] for r in drawn} == {"good-help-hub"}
    assert "ghh-people-helped" in {r["output_id"] for r in drawn}
    counts = db.query("scope_goal_counts", **liverpool).dicts()[0]
    everywhere = db.query("scope_goal_counts", **result_tables.goal_scope("barrier", "data-sharing")).dicts()[
        0
    ]
    assert counts["results"] == 4 < everywhere["results"]


def test_barrier_results_and_recommendations(db):
    results = db.query("barrier_results", barrier="data-sharing", limit=50).dicts()
    ghh = next(r for r in results if r["output_id"] == "ghh-people-helped")
    assert (ghh["actual"], ghh["qualifier"], ghh["target_low"], ghh["barrier_role"]) == (
        550,
        "over",
        100,
        "faced",
    )
    missing = next(r for r in results if r["output_id"] == "bham-students-mentored")
    assert missing["status"] == "not reported" and missing["actual"] is None
    recs = db.query("barrier_recommendations", barrier="funding").dicts()
    assert [r["number"] for r in recs] == [6, 7, 8]


def test_place_view_includes_child_places(db):
    pilots = db.query("place_pilots", place="liverpool").dicts()
    assert [p["pilot_id"] for p in pilots] == ["good-help-hub"]  # it ran in Croxteth, within Liverpool
    results = db.query("place_results", place="liverpool", limit=100).dicts()
    assert len(results) == 4
    north_west = db.query("place_pilots", place="north-west").dicts()
    assert {"good-help-hub", "stockport-prevention", "whiston-family-voices"} <= {
        p["pilot_id"] for p in north_west
    }
    assert len(db.query("place_barriers", place="liverpool")) == 2  # data sharing; competing services
    assert len(db.query("place_departments", place="liverpool")) == 6


def test_place_hierarchy_and_programmes(db):
    rows = db.query("place_hierarchy", place="liverpool").dicts()
    above = [r["name"] for r in rows if r["relation"] == "within"]
    assert above == ["Liverpool City Region", "North West", "England", "United Kingdom"]
    assert [r["name"] for r in rows if r["relation"] == "contains"] == ["Croxteth"]
    programmes = db.query("place_programmes", place="croxteth").dicts()
    pfpp = next(r for r in programmes if r["programme_name"] == "PfPP")
    assert (pfpp["listed_place"], pfpp["relation"]) == ("Liverpool", "a place it sits within")


def test_place_map_counts_pilots_at_the_place_a_programme_names(db):
    rows = {r["place_id"]: r for r in db.query("place_map").dicts()}
    # Liverpool: pilot in Croxteth, and so on (review M2); the neighbourhoods are not separate dots.
    for place, within in (("liverpool", "Croxteth"), ("east-sussex", "Hastings"), ("cornwall", "Bodmin")):
        assert (rows[place]["pilots"], rows[place]["pilots_in"], rows[place]["programmes"]) == (1, within, 1)
    assert not {"croxteth", "hastings", "bodmin"} & set(rows)
    # One reconciled count (data audit NI1): 7 of the 13 PfPP places have no pilot described.
    pfpp = [r for r in rows.values() if "PfPP" in (r["programme_names"] or "")]
    assert len(pfpp) == 13 and sum(1 for r in pfpp if r["pilots"] == 0) == 7
    assert "kainuu" in rows and "england" not in rows  # nations and countries are not points
    assert all(r["lat"] is not None for r in rows.values())


def test_department_lineage_is_one_department(db):
    options = {r["lineage_id"]: r for r in db.query("department_options").dicts()}
    mhclg = options["mhclg"]
    assert mhclg["name_history"] == "DCLG → MHCLG → DLUHC → MHCLG"
    # It led the Transformation Network and partnered East Sussex; the sources name no
    # department beside the four whole-place areas (audit N15: their 'counterpart teams' are
    # unnamed), name DCLG on Our Place only for describing it, and on Troubled Families only as
    # publisher of its evaluation (named only).
    assert (mhclg["pilots"], mhclg["led"], mhclg["partnered"], mhclg["named"]) == (4, 1, 1, 2)
    assert mhclg["led_or_partnered"] == 2
    history = db.query("department_history", department="mhclg").dicts()
    assert [h["abbreviation"] for h in history] == ["DCLG", "MHCLG", "DLUHC", "MHCLG"]
    assert str(history[2]["valid_from"]) == "2021-09-19" and history[3]["valid_to"] is None
    every_role = ["lead", "partner", "engaged", "named"]
    pilots = db.query(
        "department_pilots_page", department="mhclg", roles=every_role, limit=500, offset=0
    ).dicts()
    fuel = next(p for p in pilots if p["pilot_id"] == "east-sussex-fuel-poverty")
    assert fuel["abbreviation"] == "DLUHC"  # the name at the time
    assert len(db.query("department_results", department="mhclg", roles=every_role, limit=100)) == 5


EXPLORER_ALL = dict(
    barriers=None,
    places=None,
    departments=None,
    roles=None,
    programmes=None,
    pilots=None,
    kinds=None,
    statuses=None,
    strengths=None,
    text=None,
)


def explorer_parts(db, rows="barrier", columns="kind", **filters) -> list[dict]:
    return db.query("explorer_counts", rows=rows, columns=columns, **{**EXPLORER_ALL, **filters}).dicts()


def explorer_total(parts: list[dict]) -> dict:
    return next(p for p in parts if p["part"] == "total")


def test_explorer_counts_and_pivot(db):
    parts = explorer_parts(db)
    counts = explorer_total(parts)
    assert (counts["outputs"], counts["reported"], counts["not_reported"], counts["expected"]) == (
        23,
        20,
        3,
        5,  # issue 12: the Hub's extra three months are a commitment (expected)
    )
    filtered = explorer_total(explorer_parts(db, barriers=["data-sharing"]))
    assert filtered["outputs"] == 5
    # Several values of one filter widen it: data-sharing or funding.
    assert explorer_total(explorer_parts(db, barriers=["data-sharing", "funding"]))["outputs"] == 14
    funding = {c["column_value"]: c for c in parts if c["part"] == "pivot" and c["value"] == "funding"}
    assert (funding["achieved"]["outputs"], funding["achieved"]["not_reported"]) == (7, 1)
    assert funding["expected"]["outputs"] == 2
    by_department = explorer_parts(db, rows="department", columns="none")
    assert any(c["part"] == "pivot" and c["value"] is None for c in by_department)
    # The count beside each filter value (facets).
    facets = {(p["dimension"], p["value"]): p["outputs"] for p in parts if p["part"] == "facet"}
    assert facets[("barrier", "data-sharing")] == 5
    assert facets[("status", "not reported")] == 3


def test_explorer_filters_and_counts_by_strength_of_evidence(db):
    """Issue 25: the explorer's strength-of-evidence facet counts and filters
    the outputs themselves, like kind and status."""
    parts = explorer_parts(db, rows="strength", columns="none")
    facets = {
        p["value"]: p["outputs"] for p in parts if p["part"] == "facet" and p["dimension"] == "strength"
    }
    assert facets == {
        "a projection": 4,  # the £108m, the 525 families, Stockport's 60% and 25%
        "reported in an article": 3,
        "reported by the programme": 12,
        "an independent evaluation": 3,
        "an independent impact evaluation": 1,
    }
    projections = explorer_parts(db, strengths=["a projection"])
    assert explorer_total(projections)["outputs"] == 4
    rows = db.query(
        "explorer_rows",
        limit=50,
        offset=0,
        pilot_ids=None,
        kinds=None,
        statuses=None,
        strengths=["a projection"],
    ).dicts()
    assert sorted(r["output_id"] for r in rows) == [
        "cwac-families",
        "cwac-savings",
        "stockport-discharges",
        "stockport-referrals",
    ]
    pivot = {p["value"]: p["outputs"] for p in parts if p["part"] == "pivot"}
    assert pivot == facets


def test_explorer_text_pilot_and_role_filters(db):
    good_help = explorer_parts(db, text="Good Help")
    assert explorer_total(good_help)["outputs"] == 4
    assert [p["value"] for p in good_help if p["part"] == "pilot"] == ["good-help-hub"]
    assert explorer_total(explorer_parts(db, pilots=["good-help-hub"]))["outputs"] == 4
    lead = explorer_total(explorer_parts(db, departments=["mhclg"], roles=["lead"]))
    assert 0 < lead["outputs"] < explorer_total(explorer_parts(db, departments=["mhclg"]))["outputs"]


def test_explorer_place_filter_includes_children_and_pages(db):
    north_west = explorer_total(explorer_parts(db, places=["north-west"]))
    assert north_west["outputs"] == 10  # Croxteth 4, Cheshire West 3, Stockport 2, Whiston 1
    every = dict(pilot_ids=None, kinds=None, statuses=None, strengths=None)
    first = db.query("explorer_rows", limit=5, offset=0, **every).dicts()
    second = db.query("explorer_rows", limit=5, offset=5, **every).dicts()
    assert len(first) == 5 and len(second) == 5
    assert first[-1]["output_id"] < second[0]["output_id"]
    croxteth = [p["value"] for p in explorer_parts(db, places=["croxteth"]) if p["part"] == "pilot"]
    ghh = db.query("explorer_rows", limit=50, offset=0, **{**every, "pilot_ids": croxteth}).dicts()
    assert {r["barriers"] for r in ghh} == {"Structures; Data-sharing"}


def test_sources_and_citations(db):
    sources = db.query("sources_list").dicts()
    assert len(sources) == 7
    citations = {
        (c["source_id"], c["table_name"]): c["row_count"] for c in db.query("source_citations").dicts()
    }
    assert citations[("pfpp-guidance-2024", "recommendations")] == 12
    assert citations[("ref-ons-geography", "places (codes, coordinates)")] == 44
    coverage = {c["programme_id"]: c for c in db.query("programme_coverage").dicts()}
    assert (coverage["pfpp"]["places_named"], coverage["pfpp"]["places_with_pilot"]) == (13, 6)
    limits = db.query("limitation_counts").dicts()[0]
    assert (limits["not_reported"], limits["outputs"]) == (3, 23)


def test_data_dictionary_describes_every_table_and_column(db):
    rows = db.query("data_dictionary").dicts()
    tables = {r["table_name"] for r in rows}
    assert set(schema.TABLE_ORDER) <= tables
    assert {"results", "place_lineage", "department_lineages"} <= tables
    undescribed = [
        f"{r['table_name']}.{r['column_name']}"
        for r in rows
        if r["table_name"] in schema.TABLE_ORDER and not (r["column_comment"] or "").strip()
    ]
    assert not undescribed, f"add these to fivebarriers/comments.sql: {undescribed}"
    assert all((r["object_comment"] or "").strip() for r in rows if r["table_name"] in schema.TABLE_ORDER)
