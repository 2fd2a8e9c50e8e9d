"""Issue 25: plain answers. The comparison a source makes is drawn with its
judgement and caveat; a goal for something else that no one compares is not
drawn; headlines say the finding in words (numerals, plurals right, no
internal terms); every result carries its strength of evidence."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import duckdb
import pytest

from fivebarriers import evidence
from fivebarriers.charts import charts, formatting
from fivebarriers.data import check, ingest, upgrade
from fivebarriers.store import summaries
from fivebarriers.store.db import Database
from fivebarriers.views import result_tables
from tests.test_ingest import outputs_csv

# Words a reader should never meet in a headline (GUIDE §5b; review C8 63–68).
INTERNAL_WORDS = (
    "like-for-like",
    "unrecorded",
    "not recorded",
    "scope",
    "links",
    "batch",
    "comparable",
    "output",
    "target",
    "aim:",
    "intended",
    "0 of",
)

HUB = {
    "pilot_name": "Good Help Hub, Croxteth",
    "measure": "People who used the Hub to ask about public services",
    "unit": "people",
    "target_low": 100.0,
    "target_high": 100.0,
    "target_qualifier": None,
    "actual": 550.0,
    "qualifier": "over",
    "kind": "achieved",
    "status": "reported",
    "goal_same_measure": False,
    "goal_measure": "the most complex individuals or families the pilot first meant to work with",
    "source_compares_goal": True,
    "source_judgement": "passed its original goal of 100",
    "goal_caveat": (
        "That goal was for 100 people with the most complex needs, set before the pilot changed approach."
    ),
    "evidence_strength": "reported by the programme",
    "source_title": "PfPP guidance",
    "locator": "4. What we learnt: Structures",
}


def _no_internal_words(text: str) -> None:
    lowered = text.lower()
    for word in INTERNAL_WORDS:
        assert word not in lowered, f"{word!r} in {text!r}"
    assert not re.search(r"\b1 results\b|\b1 have\b|\b(?:[02-9]|\d\d+) result\b(?! with)", text), text
    assert not re.match(r"0\b", text), text


# --- how a result reads --------------------------------------------------------------


def test_the_sources_own_comparison_is_drawn_said_and_cautioned():
    assert formatting.compared(HUB)
    assert formatting.percent_of_goal(HUB) == pytest.approx(550.0)  # the bar is drawn
    sentence = formatting.result_sentence(HUB)
    assert sentence == (
        "over 550 people against a goal of 100 (the report says this passed its original goal of 100)"
    )
    assert "×" not in sentence  # no ratio: the goal counted a different group
    assert formatting.percent_text(HUB).startswith("none: the report compares them")
    assert formatting.judgement(HUB) == "The report says this passed its original goal of 100"
    assert formatting.caveat(HUB).startswith("That goal was for 100 people")


def test_a_goal_for_something_else_that_no_one_compares_is_not_drawn():
    neither = {**HUB, "source_compares_goal": None, "source_judgement": None, "goal_caveat": None}
    assert not formatting.compared(neither)
    assert formatting.percent_of_goal(neither) is None
    assert formatting.result_sentence(neither).startswith("over 550 people; not compared: the goal of 100")
    assert formatting.percent_text(neither) == "not compared: the goal counted something else"
    assert formatting.judgement(neither) is None


def test_a_reported_figure_never_reads_not_reported():
    for row in (HUB, {**HUB, "source_compares_goal": None}, {**HUB, "goal_same_measure": True}):
        for text in (formatting.percent_text(row), formatting.result_sentence(row)):
            assert "not reported" not in text and "no figure" not in text
        assert formatting.figure_published(row) == "Yes" and formatting.result_type(row) == "Result"
    unpublished = {**HUB, "actual": None, "qualifier": None, "status": "not reported", "kind": "achieved"}
    assert formatting.result_type(unpublished) == ""  # a goal alone is neither a result nor a forecast
    assert formatting.figure_published(unpublished) == "No"
    assert formatting.result_sentence(unpublished) == "no figure published (goal: 100 people)"


def test_the_chart_draws_the_hub_against_its_goal_and_its_table_says_why_and_how_strong():
    chart = charts.progress_against_goals([HUB], "Headline", "Subtitle", "PfPP guidance")
    spec = chart.figure.to_dict()
    assert spec["data"][0]["x"][0] == pytest.approx(550.0)
    assert any(s["type"] == "line" for s in spec["layout"]["shapes"])  # its goal, drawn
    row = chart.table.iloc[0]
    assert row["Strength of evidence"] == "Reported by the programme"
    assert row["The report's judgement"].startswith(
        "The report says this passed its original goal of 100. That"
    )
    assert "Reported by the programme" in " ".join(a["text"] for a in spec["layout"]["annotations"])


# --- headlines ------------------------------------------------------------------------


def counts(**given: int) -> dict:
    base = dict(
        with_goal=0,
        comparable=0,
        beat=0,
        source_beat=0,
        fell_short=0,
        with_goal_not_reported=0,
        other_measure=0,
        best_pilot=None,
        best_ratio=None,
        best_qualifier=None,
    )
    return {**base, **given}


def test_the_overview_headline_says_the_finding_in_words():
    text = result_tables.goal_headline(
        counts(with_goal=4, comparable=2, beat=1, source_beat=1, fell_short=1, with_goal_not_reported=2)
    )
    assert text == (
        "1 of the 2 results with a published figure passed its goal, by the report's own account; "
        "1 fell short. 2 results with a goal have no figure published"
    )


def test_one_result_gets_its_own_finding_as_the_headline():
    one = counts(with_goal=1, comparable=1, beat=1, source_beat=1)
    assert result_tables.goal_headline(one, [HUB]) == (
        "Good Help Hub, Croxteth: over 550 people, and the report says this passed its original goal of 100"
    )
    homes = {
        **HUB,
        "pilot_name": "East Sussex fuel poverty pilot",
        "unit": "homes",
        "target_high": 150.0,
        "actual": 67.0,
        "qualifier": "exactly",
        "goal_same_measure": True,
        "goal_measure": None,
        "source_compares_goal": None,
        "source_judgement": None,
        "goal_caveat": None,
    }
    short = counts(with_goal=2, comparable=1, fell_short=1, with_goal_not_reported=1)
    assert result_tables.goal_headline(short, [homes]) == (
        "East Sussex fuel poverty pilot: fell short of its goal, with 67 homes against a goal of 100–150. "
        "1 result with a goal has no figure published"
    )


def test_nothing_to_check_is_said_without_a_double_negative():
    assert result_tables.goal_headline(counts(with_goal=1, with_goal_not_reported=1)) == (
        "The only result with a goal has no figure published"
    )
    bodmin = {
        **HUB,
        "pilot_name": "Bodmin skills and employment pilot",
        "unit": "referrals",
        "target_low": 50.0,
        "target_high": 50.0,
        "actual": None,
        "qualifier": None,
        "status": "not reported",
        "measure": "Referrals into People Hub Cornwall",
    }
    # Review C8 53, 54: the goal said as what it counts.
    assert result_tables.goal_headline(counts(with_goal=1, with_goal_not_reported=1), [bodmin]) == (
        "The one goal has no figure published: 50 referrals into People Hub Cornwall, "
        "for Bodmin skills and employment pilot"
    )
    families = {
        **bodmin,
        "pilot_name": "Troubled Families (national)",
        "unit": "families",
        "target_low": 120000.0,
        "target_high": 120000.0,
        "target_qualifier": "about",
        "measure": "Families whose lives were 'turned around'",
    }
    assert result_tables.goal_headline(counts(with_goal=1, with_goal_not_reported=1), [families]) == (
        "The one goal has no figure published: about 120,000 families whose lives were 'turned around', "
        "for Troubled Families (national)"
    )
    # A measure that does not name its unit keeps the goal and the measure apart.
    other = {**bodmin, "measure": "People Hub Cornwall take-up"}
    assert result_tables.goal_headline(counts(with_goal=1, with_goal_not_reported=1), [other]) == (
        "The one goal has no figure published: 50 referrals (People Hub Cornwall take-up), "
        "for Bodmin skills and employment pilot"
    )
    assert result_tables.goal_headline(counts(with_goal=3, with_goal_not_reported=3)) == (
        "None of the 3 results with a goal has a figure published"
    )
    assert result_tables.goal_headline(counts(with_goal=2, other_measure=1, with_goal_not_reported=1)) == (
        "None of these results can be checked against its goal. 1 result had a goal that counted something "
        "else. 1 result with a goal has no figure published"
    )


@pytest.mark.parametrize(
    ("beat", "short", "rest", "source", "other", "unpublished"),
    [
        c
        for c in itertools.product((0, 1, 2), (0, 1, 3), (0, 1), (0, 1), (0, 1, 2), (0, 1, 5))
        if c[3] <= c[0] and c[0] + c[1] + c[2] > 0
    ],
)
def test_every_headline_has_plurals_right_and_no_internal_words(
    beat, short, rest, source, other, unpublished
):
    comparable = beat + short + rest
    text = result_tables.goal_headline(
        counts(
            with_goal=comparable + other + unpublished,
            comparable=comparable,
            beat=beat,
            source_beat=source,
            fell_short=short,
            other_measure=other,
            with_goal_not_reported=unpublished,
        )
    )
    _no_internal_words(text)
    if beat:
        assert ("passed its goal" if beat == 1 or comparable == 1 else "passed their goal") in text
    if source and source == beat:
        assert "by the report's own account" in text
    if not beat and short:
        assert "fell short" in text


def test_the_subtitle_carries_the_caveat_beside_the_chart():
    headline = result_tables.goal_headline(counts(with_goal=1, comparable=1, beat=1, source_beat=1), [HUB])
    assert result_tables.goal_subtitle([HUB], "Good Help Hub", headline) == (
        "Why care is needed: that goal was for 100 people with the most complex needs, set before the pilot "
        "changed approach."
    )
    # Where the headline does not say it, the judgement is beside the chart too.
    assert result_tables.goal_subtitle([HUB], "all programmes", "1 of the 2 results ...").startswith(
        "Good Help Hub, Croxteth: the report says this passed its original goal of 100. That goal"
    )


def test_a_chart_with_nothing_to_draw_is_a_sentence_and_a_table():
    unpublished = {**HUB, "actual": None, "qualifier": None, "status": "not reported"}
    assert result_tables.nothing_to_draw([unpublished])
    assert result_tables.nothing_to_draw([{**HUB, "source_compares_goal": None}])
    assert not result_tables.nothing_to_draw([unpublished, HUB])


def test_the_results_table_says_type_figure_published_and_strength():
    frame = result_tables.results_frame(
        [HUB, {**HUB, "kind": "expected", "evidence_strength": "a projection"}]
    )
    assert list(frame["Type"]) == ["Result", "Forecast"]
    assert list(frame["Figure published"]) == ["Yes", "Yes"]
    assert list(frame["Strength of evidence"]) == ["Reported by the programme", "A projection"]
    assert "Achieved or expected" not in frame.columns and "Status" not in frame.columns
    assert "Sources disagree" not in frame.columns  # shown only when a row uses it


def test_strength_of_evidence_is_explained_once_in_plain_words():
    for label in evidence.STRENGTHS:
        assert label.capitalize() in evidence.DEFINITION


# --- the data and check ---------------------------------------------------------------


def test_every_curated_result_has_a_strength_and_only_the_hub_a_source_comparison(built_db: Path):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        strengths = dict(con.execute("select output_id, evidence_strength from outputs").fetchall())
        compared = con.execute("select output_id from outputs where source_compares_goal").fetchall()
    finally:
        con.close()
    assert set(strengths.values()) <= set(evidence.STRENGTHS)
    assert strengths["cwac-savings"] == "a projection"
    assert strengths["ghh-people-helped"] == "reported by the programme"
    assert strengths["ndc-projects"] == "an independent evaluation"
    assert compared == [("ghh-people-helped",)]


def test_a_comparison_without_either_ground_is_not_drawn_and_a_stale_one_is_caught(
    tmp_path: Path, built_db: Path
):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(built_db.read_bytes())
    con = duckdb.connect(str(copy))
    try:
        con.execute(
            "update outputs set source_compares_goal = null, source_judgement = null, goal_caveat = null "
            "where output_id = 'ghh-people-helped'"
        )
        # The summaries still draw it: check says they no longer match the data.
        findings = check.run_checks(con)
        assert any(f.rule == "summary out of date" and f.key.startswith("good-help-hub/") for f in findings)
        summaries.refresh(con)
        assert check.run_checks(con) == []
    finally:
        con.close()
    with Database(copy) as db:
        hub = db.query("scope_goal_counts", **result_tables.goal_scope("pilot", "good-help-hub")).dicts()[0]
    assert (int(hub["with_goal"]), int(hub["comparable"]), int(hub["other_measure"])) == (1, 0, 1)


def test_a_load_without_its_strength_of_evidence_is_refused(fresh_db: Path, tmp_path: Path):
    # Said at the file check (the Add data page's step 2, and ingest before it writes),
    # row by row, not only by `check` once the rows are in.
    none = outputs_csv(tmp_path / "none.csv", evidence_strength="", evidence_basis=" ")
    for report in (ingest.validate_file(none, db=fresh_db), ingest.ingest(none, db=fresh_db)):
        assert not report.loaded
        named = sorted((p.row, p.column) for p in report.problems)
        assert named == [(r, c) for r in (2, 3, 4) for c in ("evidence_basis", "evidence_strength")]
        assert "reported by the programme" in " ".join(report.lines())
    wrong = ingest.ingest(outputs_csv(tmp_path / "wrong.csv", evidence_strength="solid"), db=fresh_db)
    assert not wrong.loaded
    assert "reported by the programme" in " ".join(wrong.lines())  # the allowed words are named
    good = ingest.ingest(outputs_csv(tmp_path / "good.csv"), db=fresh_db)
    assert good.loaded, good.lines()


def test_a_comparison_the_source_does_not_make_is_refused_at_the_file_check(fresh_db: Path, tmp_path: Path):
    cases = {
        "judgement.csv": ({"source_judgement": "passed its goal"}, "source_compares_goal"),
        "caveat.csv": ({"goal_caveat": "the goal counted households"}, "source_compares_goal"),
        "no_verdict.csv": (
            {"source_compares_goal": "true", "goal_caveat": "set for another group"},
            "source_judgement",
        ),
        "no_care.csv": (
            {"source_compares_goal": "true", "source_judgement": "passed its goal"},
            "goal_caveat",
        ),
        "no_goal.csv": (
            {
                "source_compares_goal": "true",
                "source_judgement": "passed it",
                "goal_caveat": "care",
                "target_low": "",
                "target_high": "",
                "goal_same_measure": "",
            },
            "source_compares_goal",
        ),
    }
    for name, (changes, column) in cases.items():
        report = ingest.validate_file(outputs_csv(tmp_path / name, n=1, **changes), db=fresh_db)
        assert [(p.row, p.column) for p in report.problems] == [(2, column)], (name, report.lines())
    drawn = {"source_compares_goal": "true", "source_judgement": "passed its goal", "goal_caveat": "care"}
    assert ingest.validate_file(outputs_csv(tmp_path / "drawn.csv", n=1, **drawn), db=fresh_db).ok


def test_upgrade_gives_old_results_their_strength_or_says_none_was_judged(tmp_path: Path):
    from tests.test_upgrade import OLD_RELEASES, unpack

    db = unpack(OLD_RELEASES[0], tmp_path)
    upgrade.upgrade(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = dict(
            con.execute(
                "select output_id, evidence_strength from outputs "
                "where output_id in ('ghh-people-helped', 'cwac-savings') or batch_id is not null"
            ).fetchall()
        )
        hub = con.execute(
            "select source_compares_goal, source_judgement from outputs where output_id = 'ghh-people-helped'"
        ).fetchone()
    finally:
        con.close()
    assert rows.pop("ghh-people-helped") == "reported by the programme"
    assert rows.pop("cwac-savings") == "a projection"
    assert rows and set(rows.values()) == {evidence.NOT_YET_ASSESSED}  # the analysts' loads: not guessed
    assert hub == (True, "passed its original goal of 100")
