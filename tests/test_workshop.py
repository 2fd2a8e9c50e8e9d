"""The workshop's plain-Python parts: one message per barrier slide, results
that were not reported written rather than drawn, slide HTML that escapes
every data string, and the shared session positions two windows follow."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import duckdb
import pytest

from fivebarriers.store.db import Database
from fivebarriers.workshop import chart_svg, sessions, slide_html, storyboard


@pytest.fixture(scope="module")
def story(built_db: Path) -> storyboard.Storyboard:
    with Database(built_db) as db:
        return storyboard.build_from_db(db)


def _evidence(db: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("select finding, pilot_id, place_id from barrier_evidence").fetchall()
    finally:
        con.close()
    return {finding: (pilot, place) for finding, pilot, place in rows}


def test_a_finding_about_another_pilot_never_sits_beside_a_case_study(story, built_db):
    evidence = _evidence(built_db)
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        names = dict(con.execute("select pilot_id, name from pilots").fetchall())
    finally:
        con.close()
    for slide in story.slides:
        if slide.kind != "barrier" or slide.chart is None:
            continue
        for point in slide.points:
            pilot, place = next(v for f, v in evidence.items() if point.endswith(f))
            if pilot is not None:
                assert names[pilot] in slide.chart.subtitle, (slide.key, point)
            else:
                assert place is None, (slide.key, point)
    structures = next(s for s in story.slides if s.key == "barrier-structures")
    assert "East Sussex" not in " ".join(structures.points)  # the old slide 3 paired Croxteth with Hastings


def test_a_result_not_reported_is_written_not_drawn(story):
    # Birmingham published no figure for its one result: it is written, never drawn.
    sharing = next(s for s in story.slides if s.key == "barrier-data-sharing")
    assert sharing.chart is None
    assert any(p.startswith("Result: ") and p.endswith("no figure published") for p in sharing.points)
    # Bodmin published none for its referrals but did for its follow-on work with
    # DWP (issue 27): the slide shows that one, and the notes name the missing one.
    culture = next(s for s in story.slides if s.key == "barrier-culture")
    assert culture.chart is None
    assert "Result: 4 follow-on initiatives Cornwall Council delivers with DWP" in (culture.points)
    assert "Referrals into People Hub Cornwall: goal 50 referrals; no figure published" in culture.notes
    for slide in story.slides:
        if slide.chart:
            assert all(b.role != "not reported" for b in slide.chart.bars), slide.key


def test_what_worked_lists_only_results_with_a_published_figure(story, built_db):
    closing = story.slides[-1]
    assert closing.points and not any("no figure published" in p for p in closing.points), closing.points
    assert any(
        "Bodmin" in p and "— 4 follow-on initiatives Cornwall Council delivers with DWP" in p
        for p in closing.points
    )
    # Birmingham published no figure: named in the notes, not as what worked.
    assert not any("Student Mentoring" in p for p in closing.points)
    assert "Student Mentoring Programme, Birmingham published no figure for its result" in closing.notes
    # A focus with no published figure at all says so in one sentence.
    with Database(built_db) as db:
        sharing = storyboard.build_from_db(db, storyboard.Filters(barrier="data-sharing"))
    assert sharing.slides[-1].points == ("No case study in this selection published a figure for its result",)


def test_goal_is_the_one_word_on_slides(story):
    for slide in story.slides:
        words = [*slide.points, slide.title, *(slide.chart.categories if slide.chart else [])]
        for text in words:
            assert "Intended" not in text and "aim:" not in text, (slide.key, text)


def test_every_slide_cites_each_statement(story):
    for slide in story.slides:
        assert slide.citations, slide.key
        for text, source in slide.citations:
            assert text and source.startswith("Source: ") and source != "Source: not given", (
                slide.key,
                text,
            )


def test_slide_html_escapes_every_data_string(story):
    slide = next(s for s in story.slides if s.chart)
    evil = storyboard.Slide(
        key="x",
        kind="barrier",
        kicker="<b>k</b>",
        title="<script>alert(1)</script> & more",
        points=("<img src=x onerror=alert(1)>",),
        source="Source: <i>doc</i>",
        notes="<a href='javascript:alert(1)'>n</a>",
        chart=slide.chart.__class__(**{**slide.chart.__dict__, "headline": "<svg onload=alert(1)>"}),
        citations=(("<u>t</u>", "Source: <u>s</u>"),),
    )
    html = slide_html.slide_html(evil, 1, 1) + slide_html.notes_html(evil)
    for raw in ("<script", "<img", "<i>", "<b>", "<a ", "<u>", "<svg onload"):
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_chart_svg_bars_start_at_zero_and_are_labelled(story):
    chart = next(s.chart for s in story.slides if s.chart)
    svg = chart_svg.svg(chart, chart_svg.SLIDE, "t")
    assert 'role="img"' in svg and "aria-label=" in svg
    for bar in chart.bars:
        # The full figure is in the text alternative; the bar is labelled with its value.
        assert f"{bar.category}: {bar.text}" in chart.alt_text
    starts = re.findall(r'<rect x="([0-9.]+)%"', svg)
    assert len(starts) == len(chart.bars) and len(set(starts)) == 1  # every bar from the same zero line


def _drawn_labels(svg: str) -> list[str]:
    """Each <text>'s lines, joined: bar names and labels as drawn."""
    texts = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    return [" ".join(re.findall(r"<tspan [^>]*>(.*?)</tspan>", t)) for t in texts]


def test_chart_labels_are_the_value_alone_on_two_lines_at_most(story):
    """Issue 27: on a slide and in the handout, a bar's label is its value or
    range (the unit is in the headline), and no name or label takes more than
    two lines."""
    charts = {s.key: s.chart for s in story.slides if s.chart}
    expected = {
        "barrier-structures": ["over 550", "100"],
        "barrier-priorities": ["67", "100", "150"],
        "barrier-funding": ["£41 million", "£108 million"],
    }
    for size in (chart_svg.SLIDE, chart_svg.PAGE):
        for key, chart in charts.items():
            svg = chart_svg.svg(chart, size, "t")
            drawn = _drawn_labels(svg)
            assert drawn[1::2] == expected[key], (key, drawn)
            assert drawn[0::2] == chart.categories
            lines = [t.count("<tspan") for t in re.findall(r"<text [^>]*>.*?</text>", svg)]
            assert max(lines) <= 2, (key, lines)
    # The unit the labels leave out is in each headline.
    units = {
        "barrier-structures": "550 people",
        "barrier-priorities": "67 homes",
        "barrier-funding": "£108 million",
    }
    assert all(units[key] in chart.headline for key, chart in charts.items())


def test_sessions_move_together_and_never_across_codes(tmp_path):
    store = sessions.Store(tmp_path)
    a = store.open(storyboard.Filters(), total=13)
    b = store.open(storyboard.Filters(place="liverpool"), total=7)
    assert a.code != b.code and sessions.CODE.match(a.code) and sessions.CODE.match(b.code)
    store.move(a.code, 5)
    assert store.get(a.code).slide == 5
    assert store.get(b.code).slide == 1  # the other facilitator is untouched
    assert store.get(b.code).focus() == storyboard.Filters(place="liverpool")
    assert store.move(a.code, 99).slide == 13 and store.move(a.code, -3).slide == 1
    # Another process (another Streamlit replica) sees the same position.
    assert sessions.Store(tmp_path).get(a.code).slide == 1
    assert json.loads((tmp_path / f"{a.code}.json").read_text())["slide"] == 1


def test_session_codes_are_checked_before_they_touch_the_disk(tmp_path):
    store = sessions.Store(tmp_path)
    for bad in ("../../etc/passwd", "", "abc", "K7QX2M/..", "O0O0O0"):
        with pytest.raises(sessions.UnknownSession, match="is not a session code"):
            store.get(bad)
    with pytest.raises(sessions.UnknownSession, match="No presentation is open"):
        store.get("K7QX2M")
    assert sessions.normalise(" k7qx-2m ") == "K7QX2M"


def test_old_sessions_expire(tmp_path):
    store = sessions.Store(tmp_path)
    old = store.open(storyboard.Filters(), total=13)
    path = tmp_path / f"{old.code}.json"
    past = path.stat().st_mtime - sessions.EXPIRE_SECONDS - 60
    os.utime(path, (past, past))
    store.open(storyboard.Filters(), total=13)
    assert not path.exists()


def test_the_title_slide_says_its_focus_once(built_db: Path):
    """Review L10: a Culture session for Bodmin named Culture twice on its title slide."""
    with Database(built_db) as db:
        story = storyboard.build_from_db(db, storyboard.Filters(barrier="culture", place="bodmin"))
    points = story.slides[0].points
    text = " ".join(points)
    assert text.count("Culture") == 1, points
    assert text.count("Bodmin") == 1, points


def test_a_result_whose_measure_names_its_unit_says_the_unit_once():
    """Audit follow-up (issue 25): '4 follow-on initiatives … with DWP', never
    '… initiatives …: 4 initiatives'; a measure that does not name its unit keeps
    'measure: result', and a result with a goal or a forecast keeps its comparison."""
    from fivebarriers.workshop.wording import measure_result

    base = {"unit": "initiatives", "actual": 4.0, "qualifier": "exactly", "status": "reported"}
    named = {
        **base,
        "measure": "Follow-on initiatives Cornwall Council delivers with DWP",
        "kind": "achieved",
    }
    assert measure_result(named) == "4 follow-on initiatives Cornwall Council delivers with DWP"
    other = {**named, "measure": "Projects started with DWP"}
    assert measure_result(other) == "projects started with DWP: 4 initiatives"
    # 'initiative' inside another word is not the unit named.
    assert measure_result({**named, "measure": "Initiativeness of staff"}).endswith(": 4 initiatives")
    forecast = {**named, "kind": "expected"}
    assert (
        measure_result(forecast)
        == "follow-on initiatives Cornwall Council delivers with DWP: 4 initiatives (forecast)"
    )
