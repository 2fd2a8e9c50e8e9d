"""The second data audit's findings (../shared/reviews/data-audit-2026-12-06.md),
each stated against the built database: the row as the source supports it.
One test per finding id, so a regression names the finding it reopens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(built_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, rows
    return rows[0][0]


def pilot_summary(con: duckdb.DuckDBPyConnection, pilot_id: str) -> str:
    return str(one(con, "select summary from pilots where pilot_id = ?", pilot_id))


def test_n1_innosi_is_funded_by_the_commission_and_led_by_no_one_the_sources_name(con):
    # 000 "About the InnoSI Case Studies": "funded by the European Commission"; no source names a lead.
    funder, lead = con.execute(
        "select funder, lead_department_id from programmes where programme_id = 'innosi'"
    ).fetchone()
    assert funder == "European Commission" and lead is None


def test_n2_culture_headline_says_commitment_influences_not_that_it_is_needed(con):
    summary = one(con, "select summary from barriers where barrier_id = 'culture'")
    assert "depends on" not in summary and "commitment" in summary


def test_n3_and_n14_links_the_source_does_not_state_are_marked_as_our_reading(con):
    rows = dict(
        con.execute(
            "select pilot_id, basis from pilot_barriers where role = 'faced' and "
            "(pilot_id, barrier_id) in (('good-help-hub', 'data-sharing'), ('bodmin-skills', 'culture'))"
        ).fetchall()
    )
    assert rows == {"good-help-hub": "our reading", "bodmin-skills": "our reading"}
    assert (
        one(con, "select basis from barrier_evidence where evidence_id = 'cu-bodmin-mistrust'")
        == "our reading"
    )


def test_n7_data_sharing_keeps_the_sources_can_be_and_adds_no_legal(con):
    headline = one(con, "select summary from barriers where barrier_id = 'data-sharing'")
    finding = one(con, "select finding from barrier_evidence where evidence_id = 'ds-perceived-limits'")
    for text in (headline, finding):
        assert "genuine barriers" in text and "legal limits to" not in text and "held data back" not in text
        assert "hold data back" not in text


def test_n8_the_leo_contact_is_not_dated_after_the_pilot(con):
    finding = one(con, "select finding from barrier_evidence where evidence_id = 'ds-birmingham-leo-later'")
    assert not finding.startswith("After the pilot ended") and "Not within the pilot's lifetime" in finding


@pytest.mark.parametrize(
    ("sql", "overstated", "kept"),
    [
        (
            "select finding from barrier_evidence where evidence_id = 'fu-siloed-commissioning'",
            "blocked",
            "key barrier",
        ),
        (
            "select finding from barrier_evidence where evidence_id = 'fu-pbr-perverse-incentives'",
            "found that payment",
            "asserted",
        ),
        (
            "select summary from pilots where pilot_id = 'bradford-mental-health'",
            "used community hubs",
            "show how",
        ),
        (
            "select summary from pilots where pilot_id = 'east-sussex-fuel-poverty'",
            "Worked with",
            "co-design",
        ),
        (
            "select summary from pilots where pilot_id = 'east-sussex-fuel-poverty'",
            "stay cold",
            "energy-efficiency",
        ),
        ("select summary from barriers where barrier_id = 'priorities'", ", so local", "misaligned"),
        (
            "select summary from pilots where pilot_id = 'harlem-childrens-zone'",
            "whole neighbourhood",
            "7,400",
        ),
        ("select summary from pilots where pilot_id = 'harlem-childrens-zone'", "in England", "New York"),
        (
            "select text from recommendations where recommendation_id = 'priorities-a'",
            "regular",
            "each region",
        ),
        (
            "select text from recommendations where recommendation_id = 'data-sharing-a'",
            "named contacts",
            "contact",
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else str(v),
)
def test_n9_paraphrases_keep_the_sources_verbs(con, sql, overstated, kept):
    text = one(con, sql)
    assert overstated not in text and kept in text


def test_n10_results_the_source_does_not_date_have_no_period_end(con):
    dated = con.execute(
        "select output_id from outputs where period_end is not null and output_id in ("
        "'es-households-informed', 'es-homes-improved', 'es-home-assessments', 'bodmin-referrals', "
        "'bodmin-follow-on', 'bham-students-mentored')"
    ).fetchall()
    assert dated == []
    # The one result the source dates ("By the end of March 2023") keeps its date.
    assert (
        str(one(con, "select period_end from outputs where output_id = 'ghh-people-helped'")) == "2023-03-31"
    )


@pytest.mark.parametrize(
    ("pilot_id", "section"),
    [
        (
            "wpcb-cheshire-west",
            "Annex: Funding - The Whole-place Community Budget background - Pilot success",
        ),
        ("good-help-hub", "Annex: Structures - Pilot background"),
        ("good-help-hub", "Annex: Structures - Pilot success"),
        ("east-sussex-fuel-poverty", "Annex: Priorities - Pilot background"),
        ("birmingham-student-mentoring", "Annex: Data-sharing - Pilot success"),
        ("bodmin-skills", "Annex: Culture - Pilot success"),
    ],
)
def test_n12_pilot_locators_name_the_sub_sections_that_hold_their_facts(con, pilot_id, section):
    locator = one(con, "select locator from pilots where pilot_id = ?", pilot_id)
    assert section in [part.strip() for part in locator.split(";")]


def test_n12_the_bodmin_caveat_cites_the_annex_opening_that_holds_it(con):
    locator = one(con, "select locator from outputs where output_id = 'bodmin-referrals'")
    assert "Annex: Culture" in [part.strip() for part in locator.split(";")]


def test_n16_no_payer_is_named_for_ndc_money(con):
    assert (
        one(con, "select from_body from funding_flows where flow_id = 'ndc-spend'")
        == "Not named in the source"
    )


def test_n17_the_independent_initiatives_are_described_as_the_article_gives_them(con):
    summary = one(con, "select summary from programmes where programme_id = 'local-initiatives'")
    assert "article" in summary and "New York" in summary


def test_n18_a_rate_is_not_described_as_a_count(con):
    used_for = one(con, "select used_for from sources where source_id = 'mj-radical-devolution-2014'")
    assert "25% more discharges" not in used_for and "discharge rates into primary care" in used_for


def test_nm1_the_innosi_case_studies_say_what_their_evaluations_found(con):
    assert "truly heard" in pilot_summary(con, "may-i-help-you")
    assert "joined-up services" in pilot_summary(con, "gothenburg-local-collaborations")


def test_nm2_the_hubs_lesson_on_its_12_weeks_is_kept(con):
    assert "precondition" in pilot_summary(con, "good-help-hub") and "12 weeks" in pilot_summary(
        con, "good-help-hub"
    )


def test_nm3_pfpps_design_places_chose_their_problem(con):
    summary = one(con, "select summary from programmes where programme_id = 'pfpp'")
    assert "chose the problem" in summary and "ownership" in summary and "save money" in summary


def test_nm4_and_m15_bodmin_summary_carries_its_caveat_and_its_coordinator(con):
    summary = pilot_summary(con, "bodmin-skills")
    assert "did not deliver all its expected outcomes" in summary
    assert "Cornwall People Hub Coordinator" in summary


def test_nm6_east_sussex_research_and_its_sharing_are_kept(con):
    summary = pilot_summary(con, "east-sussex-fuel-poverty")
    assert "research" in summary and "DESNZ, DLUHC and DHSC" in summary


def test_ni4_our_place_keeps_most_and_many_apart(con):
    summary = one(con, "select summary from programmes where programme_id = 'our-place'")
    assert "most activities" in summary and "many depending" in summary


def test_n6_the_projection_says_the_programme_was_not_rolled_out_and_the_close_claims_no_success(built_db):
    from fivebarriers.store.db import Database
    from fivebarriers.workshop import storyboard

    with Database(built_db) as db:
        story = storyboard.build_from_db(db)
    funding = next(s for s in story.slides if s.key.endswith("funding"))
    assert "£108" in funding.notes or "108" in " ".join(funding.points) + (
        funding.chart.alt_text if funding.chart else ""
    )
    assert "not scaled up or rolled out fully" in funding.notes
    closing = story.slides[-1]
    assert closing.kind == "closing" and not closing.title.startswith("What worked")
    assert "not scaled up or rolled out fully" in closing.notes


def test_e25_each_finding_in_the_notes_names_its_own_source(con, built_db):
    from fivebarriers.store.db import Database
    from fivebarriers.workshop import storyboard

    titles = dict(con.execute("select source_id, title from sources").fetchall())
    findings = con.execute("select barrier_id, finding, source_id, locator from barrier_evidence").fetchall()
    with Database(built_db) as db:
        story = storyboard.build_from_db(db)
    checked = 0
    for slide in story.slides:
        if slide.kind != "barrier":
            continue
        for _barrier, finding, source_id, locator in findings:
            said = finding.rstrip(".")
            if said in slide.notes:
                after = slide.notes.split(said, 1)[1]
                assert after.startswith(f" ({titles[source_id]} ("), (slide.key, finding)
                assert locator.split("; ")[0] in after.split(").", 1)[0], (slide.key, finding)
                checked += 1
    assert checked >= 10  # the findings of every barrier slide's notes
    funding = next(s for s in story.slides if s.key.endswith("funding"))
    assert "Changing Futures" in funding.notes


def test_i3_findings_about_a_pilot_sit_at_the_pilots_own_place(con):
    # The East Sussex findings sat at the county while the pilot sits at Hastings, so the
    # Hastings page said the sources report no barrier finding there.
    misplaced = con.execute(
        "select evidence_id from barrier_evidence join pilots using (pilot_id) "
        "where barrier_evidence.place_id is distinct from pilots.place_id order by evidence_id"
    ).fetchall()
    assert misplaced == []
    assert one(con, "select count(*) from barrier_evidence where place_id = 'hastings'") == 3


def test_n15_no_department_is_credited_with_a_pilot_the_source_names_it_for(con):
    rows = con.execute(
        "select pilot_id, role from pilot_departments where department_id = 'dclg' order by pilot_id"
    ).fetchall()
    # PSTN was "led from" DCLG; the four whole-place areas' counterpart teams are unnamed;
    # DCLG only described Our Place and published the Troubled Families evaluation.
    assert rows == [
        ("our-place-neighbourhoods", "named"),
        ("troubled-families-national", "named"),
        ("wpcb-transformation-network", "lead"),
    ]


def test_ni5_no_programme_is_listed_for_all_of_england(con):
    assert one(con, "select count(*) from programme_places where place_id = 'england'") == 0


def test_nm5_the_findings_behind_two_recommendations_are_kept(con):
    rows = dict(
        con.execute(
            "select evidence_id, locator from barrier_evidence "
            "where evidence_id in ('st-regional-teams', 'cu-rewarding-outcomes')"
        ).fetchall()
    )
    assert rows == {
        "st-regional-teams": "3. What next: practical tips - 1. Structures",
        "cu-rewarding-outcomes": "3. What next: practical tips - 5. Culture",
    }


def test_m7_troubled_families_in_greater_manchester_keeps_both_sides(con):
    summary = pilot_summary(con, "troubled-families-gm")
    assert "relationships between families and services improved" in summary
    assert "patronising" in summary and "more personalised" in summary


def test_m11_m13_earlier_programmes_and_place_context_are_named(con):
    assert "Total Place" in one(con, "select summary from programmes where programme_id = 'pfpp'")
    assert "Neighbourhood Renewal Fund" in one(
        con, "select summary from programmes where programme_id = 'our-place'"
    )
    assert "pupil attendance" in pilot_summary(con, "good-help-hub")
    assert "youth unemployment" in pilot_summary(con, "birmingham-student-mentoring")
    assert "without qualifications" in pilot_summary(con, "bodmin-skills")


def test_n13_the_deprivation_share_does_not_read_as_a_share_of_neighbourhoods_reached(con):
    measure = one(con, "select measure from context_figures where figure_id = 'bodmin-deprivation'")
    assert "England's neighbourhoods" in measure and "most deprived" in measure


def test_n15_the_departments_headline_names_every_department_level_at_the_top(built_db):
    from fivebarriers.store.db import Database
    from fivebarriers.views import departments

    with Database(built_db) as db:
        options = db.query("department_options").dicts()
    chart = departments.pilots_chart(options)
    assert chart is not None
    # Without the inferred whole-place links, DWP, DHSC and MHCLG each led or partnered 2.
    assert chart.headline == "DWP, DHSC and MHCLG led or partnered the most pilots: 2 each"


def test_n13_a_rank_reads_as_a_place_in_order_not_as_1_rank():
    from fivebarriers.charts import formatting

    assert formatting.with_unit(1, "exactly", "rank") == "1st"
    assert [formatting.ordinal(n) for n in (2, 3, 11, 12, 13, 22, 111)] == [
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "22nd",
        "111th",
    ]
    assert formatting.with_unit(12, "exactly", "weeks") == "12 weeks"
    assert formatting.with_unit(29.6, "exactly", "percent") == "29.6%"


def test_ni2_a_place_page_shows_its_figures_with_the_comparison_its_source_gives():
    from tests.test_pages import page_text, run_page

    hastings = page_text(run_page("pages/places.py", place="hastings"))
    assert "Figures about the place" in hastings
    assert "29.6%" in hastings and "17.3%" in hastings and "(for comparison)" in hastings
    assert "1st" in hastings and "1 rank" not in hastings
    # England's other figures (mayors, turnout) come from other passages: not beside Hastings.
    assert "metro mayor" not in hastings.lower()
    # A place the sources give no figure about has no such section.
    assert "Figures about the place" not in page_text(run_page("pages/places.py", place="bodmin"))


def test_ni3_one_heading_for_the_departments_on_every_page():
    from fivebarriers import words
    from tests.test_pages import page_text, run_page

    for path, params in (
        ("pages/pilots.py", {"pilot": "good-help-hub"}),
        ("pages/places.py", {"place": "liverpool"}),
        ("pages/programmes.py", {"programme": "pfpp"}),
    ):
        text = page_text(run_page(path, **params))
        assert words.DEPARTMENTS_HEADING in text, path


def test_n17_programmes_counts_programmes_with_pilots_and_names_the_grouping(con):
    from fivebarriers import queries
    from fivebarriers.views import overview

    cursor = con.execute(queries.sql("overview_counts"))
    counts = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    # Changing Futures (no pilots) and the independent initiatives (a grouping) are not programmes.
    assert counts["programmes"] == 6
    assert counts["groupings"] == "Independent local initiatives"
    assert dict(overview.headline_metrics(counts))["Programmes"] == "6"
    note = overview.metrics_note(counts)
    assert note.startswith(
        "Programmes counts the 6 programmes with pilots in the data, plus Independent local initiatives"
    )


def test_n17_the_count_follows_the_data_not_programme_ids(fresh_db: Path):
    """Counted from the data, not from ids: a pilot for Changing Futures makes it
    count; a new entry with pilots but no funder, lead, places or programme-wide
    pilot is a grouping, named beside the count."""
    from fivebarriers import queries

    with duckdb.connect(str(fresh_db)) as db:
        db.execute(
            "insert into programmes (programme_id, name, short_name, summary, source_id, locator) "
            "select 'zz-group', 'Zebra community projects', 'Zebra', 's', source_id, locator "
            "from programmes where programme_id = 'pfpp'"
        )
        for pilot_id, programme_id in (("cf-x", "changing-futures"), ("zz-x", "zz-group")):
            db.execute(
                "insert into pilots (pilot_id, name, programme_id, place_id, scope, summary, source_id, "
                "locator) select ?, 'A pilot', ?, place_id, 'case study', 's', source_id, locator "
                "from pilots where pilot_id = 'good-help-hub'",
                [pilot_id, programme_id],
            )
        cursor = db.execute(queries.sql("overview_counts"))
        counts = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    assert counts["programmes"] == 7
    assert counts["groupings"] == "Independent local initiatives; Zebra community projects"


def test_r5_pfpp_is_led_by_mhclg_then_dluhc_over_its_years():
    from tests.test_pages import page_text, run_page

    text = page_text(run_page("pages/programmes.py", programme="pfpp"))
    assert "Led by: [MHCLG, then DLUHC from 19 September 2021](departments?department=mhclg)" in text
    # A programme within one name's years keeps that name in full.
    assert "Led by: [Department for Communities and Local Government (DCLG)](" in page_text(
        run_page("pages/programmes.py", programme="wpcb")
    )


def test_r5_lead_names_follow_the_programmes_years():
    from fivebarriers.views.programmes import lead_names

    history = [
        {
            "name": "Old Department",
            "abbreviation": "OD",
            "valid_from": "2010-01-01",
            "valid_to": "2015-06-30",
        },
        {"name": "New Department", "abbreviation": None, "valid_from": "2015-07-01", "valid_to": None},
    ]
    lead = {"lead_name_at_the_time": "New Department", "lead_abbreviation": None}
    assert lead_names({**lead, "start_year": 2014, "end_year": 2016}, history) == (
        "OD, then New Department from 1 July 2015"
    )
    assert lead_names({**lead, "start_year": 2016, "end_year": 2018}, history) == "New Department"
    assert lead_names({**lead, "start_year": None, "end_year": None}, history) == "New Department"
    # An end not given is not read as 'still running'.
    assert lead_names({**lead, "start_year": 2012, "end_year": None}, history) == "New Department"


def test_n11_the_hub_says_when_it_opened_not_dates_not_given():
    from tests.test_pages import page_text, run_page

    said = "Hub operational from January 2023; pilot start not given"
    hub = page_text(run_page("pages/pilots.py", pilot="good-help-hub"))
    assert said in hub and "Dates not given" not in hub.split("What it did")[0]
    assert said in page_text(run_page("pages/places.py", place="liverpool"))
    assert said in page_text(run_page("pages/programmes.py", programme="pfpp"))
    # A pilot with no dates and no note still says the sources give none.
    bodmin = page_text(run_page("pages/pilots.py", pilot="bodmin-skills"))
    assert "Dates not given in the sources" in bodmin


def test_i9_a_result_says_how_to_read_it_where_the_data_does():
    """Harlem's 7,400 adults beside 'over 10,000 children': the page says how we read
    the source's 'over', in a column shown only when a result carries such a note."""
    from tests.test_pages import page_text, run_page

    harlem = page_text(run_page("pages/pilots.py", pilot="harlem-childrens-zone"))
    assert "How to read it" in harlem
    assert "we read 'over' as applying to the children only" in harlem.replace("\\", "")
