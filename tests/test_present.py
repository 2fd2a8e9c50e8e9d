"""The Present page under AppTest: every slide with Next, the URL state
(?slide=…&barrier=…), bad values, speaker notes kept off the slide."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers.config import ROOT
from fivebarriers.store.db import Database
from fivebarriers.workshop import storyboard

PAGE = "pages/present.py"


def _open(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(PAGE)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _title(at: AppTest) -> str:
    # st.title shows the escaped markdown; undo the escaping to compare with the storyboard.
    return at.title[0].value.replace("\\", "")


def _counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.count(" of ") == 1 and m.value[0].isdigit())


@pytest.fixture(scope="module")
def story(built_db: Path) -> storyboard.Storyboard:
    with Database(built_db) as db:
        return storyboard.build_from_db(db)


def test_next_walks_through_every_slide(story):
    at = _open()
    seen = [_title(at)]
    assert _counter(at) == f"1 of {len(story)}"
    assert at.button(key="previous_slide").disabled
    while not at.button(key="next_slide").disabled:
        at.button(key="next_slide").click().run()
        assert not at.exception, at.exception
        seen.append(_title(at))
        assert at.query_params["slide"] == str(len(seen))
    assert seen == [s.title for s in story.slides]
    assert _counter(at) == f"{len(story)} of {len(story)}"
    at.button(key="previous_slide").click().run()
    assert _title(at) == story.slides[-2].title


def test_url_state_round_trip(story):
    at = _open(slide="3", barrier="data-sharing")
    narrowed = [s for s in story.slides if s.barrier_id in (None, "data-sharing")]
    assert _title(at) == narrowed[2].title
    assert at.title[0].value.startswith("There are genuine legal limits to sharing data")  # issue 12 wording
    assert not at.warning
    assert dict(at.query_params) == {"slide": "3", "barrier": "data-sharing"}
    at.button(key="next_slide").click().run()
    assert _title(at) == "Data-sharing: two things departments can do"
    assert at.query_params["slide"] == "4"
    assert _counter(at) == "4 of 5"


def test_changing_a_filter_starts_again_at_slide_1():
    at = _open(slide="4")
    at.selectbox(key="url_barrier").set_value("culture").run()
    assert at.query_params["slide"] == "1"
    assert at.query_params["barrier"] == "culture"
    assert _counter(at) == "1 of 5"


@pytest.mark.parametrize("raw", ["99", "0", "abc", "-2"])
def test_bad_slide_number_says_so_and_shows_slide_1(story, raw):
    at = _open(slide=raw)
    assert len(at.warning) == 1
    assert f"slide “{raw}”" in at.warning[0].value and "Showing slide 1" in at.warning[0].value
    assert _title(at) == story.slides[0].title
    assert at.query_params["slide"] == "1"


def test_bad_filter_says_so_and_shows_all(story):
    at = _open(barrier="nope", slide="2")
    assert any("barrier “nope”" in w.value for w in at.warning)
    assert "barrier" not in at.query_params
    assert _counter(at) == f"2 of {len(story)}"


def test_speaker_notes_only_behind_the_toggle(story):
    at = _open(slide="3")
    notes = story.slides[2].notes
    first_words = notes.split(".")[0][:40]
    shown = lambda: any(first_words in m.value.replace("\\", "") for m in at.markdown)  # noqa: E731
    assert not shown()
    at.toggle(key="show_notes").set_value(True).run()
    assert shown()


def test_chart_slide_has_text_alternative_and_table(story):
    at = _open(slide="3")
    chart = story.slides[2].chart
    assert chart is not None
    assert any("Text description" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value
    assert (
        list(table["Figure"])
        == chart.labels
        == [
            "over 550 people (goal was for another measure)",
            "goal: 100 people",
        ]
    )


def test_downloads_offered():
    at = _open()
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download the deck (PowerPoint)" in labels
    assert any(label.startswith("Download the handout") for label in labels)
