"""The Present page under AppTest: what the slideshow is given for each URL
(?slide=…&barrier=…, ?view=presenter, ?session=…), bad values with a clear
message, speaker notes only on request and never inside the slide, and the
downloads. Keys, scaling and full screen need a browser: test_browser_present."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers.config import ROOT
from fivebarriers.store.db import Database
from fivebarriers.workshop import sessions, slide_html, storyboard

PAGE = "pages/present.py"


@pytest.fixture(autouse=True)
def _private_sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "sessions"
    monkeypatch.setenv(sessions.ENV_DIR, str(folder))
    return folder


def _open(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(PAGE)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _shown(at: AppTest) -> dict:
    """What the page handed the slideshow component."""
    # The page also mounts views/recover.py's component, which carries no data.
    (component,) = [c for c in at.get("bidi_component") if c.proto.component_name == "fivebarriers_slideshow"]
    return json.loads(component.proto.json)


@pytest.fixture(scope="module")
def story(built_db: Path) -> storyboard.Storyboard:
    with Database(built_db) as db:
        return storyboard.build_from_db(db)


def test_first_slide_by_default(story):
    at = _open()
    shown = _shown(at)
    assert (shown["mode"], shown["number"], shown["total"]) == ("audience", 1, len(story))
    assert shown["slides"] == [slide_html.slide_html(story.slides[0], 1, len(story))]
    assert at.query_params["slide"] == "1"


def test_url_state_round_trip():
    at = _open(slide="3", barrier="data-sharing")
    shown = _shown(at)
    assert (shown["number"], shown["total"]) == (3, 5)
    assert "There are genuine barriers to sharing data" in shown["slides"][0]  # the source's words (audit N7)
    assert not at.warning
    assert dict(at.query_params) == {"slide": "3", "barrier": "data-sharing"}


def test_changing_a_filter_starts_again_at_slide_1():
    at = _open(slide="4")
    at.selectbox(key="url_barrier").set_value("culture").run()
    assert at.query_params["slide"] == "1"
    assert at.query_params["barrier"] == "culture"
    assert (_shown(at)["number"], _shown(at)["total"]) == (1, 5)


@pytest.mark.parametrize("raw", ["99", "0", "abc", "-2"])
def test_bad_slide_number_says_so_and_shows_slide_1(raw):
    at = _open(slide=raw)
    assert len(at.warning) == 1
    shown = at.warning[0].value.replace("\\", "")  # Markdown-escaped, as all URL text is
    assert f"slide “{raw}”" in shown and "Showing slide 1" in shown
    assert _shown(at)["number"] == 1
    assert at.query_params["slide"] == "1"


def test_bad_filter_says_so_and_shows_all(story):
    at = _open(barrier="nope", slide="2")
    assert any("barrier “nope”" in w.value for w in at.warning)
    assert "barrier" not in at.query_params
    assert (_shown(at)["number"], _shown(at)["total"]) == (2, len(story))


def test_url_text_in_a_message_is_not_markdown():
    at = _open(place="[x](https://evil.example)")
    (warning,) = [w.value for w in at.warning if "evil" in w.value]
    assert "\\[x\\]\\(https" in warning  # escaped: shown as typed, never a link
    assert "place" not in at.query_params


def test_a_place_without_pilots_is_named_not_called_missing(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        empty = con.execute(
            "select place_id, name from places where place_id not in (select place_id from pilots)"
            " and place_id not in (select place_id from barrier_evidence where place_id is not null)"
            " and place_id not in (select parent_id from places where parent_id is not null)"
            " order by place_id limit 1"
        ).fetchone()
    finally:
        con.close()
    at = _open(place=empty[0])
    text = " ".join(w.value.replace("\\", "") for w in at.warning)
    assert f"{empty[1]} is in the data but has no pilots or findings to present" in text
    assert "not in the data" not in text


def test_speaker_notes_only_on_request_and_never_in_the_slide(story):
    at = _open(slide="3")
    first_words = story.slides[2].notes.split(".")[0][:40]
    assert _shown(at)["notes"] == ""
    assert first_words not in _shown(at)["slides"][0]
    at.toggle(key="show_notes").set_value(True).run()
    notes = _shown(at)["notes"]
    assert notes == slide_html.notes_html(story.slides[2])
    assert first_words in notes.replace("&#x27;", "'")
    # The chart's table and each statement's source go with the notes, not on the slide.
    for label in story.slides[2].chart.labels:
        assert f"<td>{label}</td>" in notes
    assert "Where each statement comes from" in notes
    assert first_words not in _shown(at)["slides"][0]


def test_no_dashboard_furniture_in_the_frame(story):
    at = _open(slide="3")
    frame = _shown(at)["slides"][0]
    assert frame.count("Source:") == 1  # one source line
    for furniture in ("Text description", "About this chart", "Download", "speaker notes"):
        assert furniture not in frame
    assert 'role="img"' in frame and story.slides[2].chart.alt_text.split(".")[0] in frame


def test_presenter_view_opens_a_session_with_now_next_and_notes(story, _private_sessions):
    at = _open(view="presenter", slide="3")
    code = at.query_params["session"]
    assert sessions.CODE.match(code)
    shown = _shown(at)
    assert shown["mode"] == "presenter" and shown["code"] == code
    assert shown["slides"] == [
        slide_html.slide_html(story.slides[2], 3, len(story)),
        slide_html.slide_html(story.slides[3], 4, len(story)),
    ]
    assert "Why this pilot" in shown["notes"]
    assert sessions.Store(_private_sessions).get(code).slide == 3
    # The audience link is drawn beside the timer from the session code the
    # component is given; the page's caption names the code too.
    assert any(code in c.value for c in at.caption)


def test_audience_follows_the_session_position(story, _private_sessions):
    store = sessions.Store(_private_sessions)
    opened = store.open(storyboard.Filters(barrier="culture"), total=5)
    store.move(opened.code, 4)
    at = _open(session=opened.code.lower())
    shown = _shown(at)
    assert (shown["mode"], shown["number"], shown["total"]) == ("audience", 4, 5)
    assert "Culture" in shown["slides"][0]


def test_unknown_session_code_says_so_and_presents_alone(story):
    at = _open(session="ZZZZZZ")
    assert any("No presentation is open with the code “ZZZZZZ”" in w.value for w in at.warning)
    assert "session" not in at.query_params
    assert _shown(at)["total"] == len(story)


def test_malformed_session_code_is_refused_not_used_as_a_path():
    at = _open(session="../../etc/passwd")
    assert any("is not a session code" in w.value for w in at.warning)
    assert "session" not in at.query_params


def test_downloads_offered():
    at = _open()
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download the deck (PowerPoint)" in labels
    assert any(label.startswith("Download the handout") for label in labels)
