"""The presenter's "Ask the room" buttons under AppTest: each click runs the
page once, and that run already shows the room as the click left it (Show,
Close, Reopen, Back to the slides). They used to act in the page and call
st.rerun(), which ran the page twice per click; the Chromium test of the whole
room (test_browser_room) once saw the presenter's page without its Reopen
button for two minutes after Close."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers.config import ROOT
from fivebarriers.workshop import room_model, room_votes, sessions

PAGE = "pages/present.py"


@pytest.fixture(autouse=True)
def _private_sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "sessions"))


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per run of the presenter's controls (each run opens the room once)."""
    seen: list[str] = []
    real = room_votes.Votes.open_room

    def open_room(self, present_code, place=None):
        seen.append(present_code)
        return real(self, present_code, place)

    monkeypatch.setattr(room_votes.Votes, "open_room", open_room)
    return seen


def _labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.key in {"room_ask", "room_close", "room_hide"}]


def _click(at: AppTest, key: str, runs: list[str]) -> None:
    before = len(runs)
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    assert len(runs) - before == 1, f"the click on {key} ran the page {len(runs) - before} times"


def test_each_button_runs_the_page_once_and_shows_the_room_it_left(runs):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(PAGE)
    at.query_params["view"] = "presenter"
    at.query_params["place"] = "bodmin"
    at.run()
    assert not at.exception, at.exception
    assert _labels(at) == ["Show the question to the room"]

    _click(at, "room_ask", runs)
    assert _labels(at) == ["Close the question", "Back to the slides"]
    room = room_votes.Votes().find(runs[-1])
    assert room is not None and room.is_open

    _click(at, "room_close", runs)
    assert _labels(at) == ["Reopen the question", "Back to the slides"]
    assert not room_votes.Votes().find(runs[-1]).is_open

    _click(at, "room_ask", runs)
    assert _labels(at) == ["Close the question", "Back to the slides"]
    assert room_votes.Votes().find(runs[-1]).is_open

    _click(at, "room_hide", runs)
    assert _labels(at) == ["Show the question to the room"]
    assert room_votes.Votes().find(runs[-1]).question is None


def test_show_asks_the_question_chosen_in_the_list(runs):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(PAGE)
    at.query_params["view"] = "presenter"
    at.run()
    second = room_model.QUESTIONS[1]
    at.selectbox(key="room_question").set_value(second.id).run()
    _click(at, "room_ask", runs)
    assert room_votes.Votes().find(runs[-1]).question_id == second.id


def test_a_click_the_room_refuses_is_said_on_the_next_run(runs, monkeypatch: pytest.MonkeyPatch):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(PAGE)
    at.query_params["view"] = "presenter"
    at.run()
    _click(at, "room_ask", runs)

    def refused(self, code):
        raise room_votes.RoomError(f"No workshop is open with the code {code}: check the code on the screen")

    monkeypatch.setattr(room_votes.Votes, "close", refused)
    at.run()  # the button's callback is bound when the button is drawn
    _click(at, "room_close", runs)
    assert [w.value for w in at.warning if "No workshop is open" in w.value], [w.value for w in at.warning]
    at.run()  # said once, not on every run after
    assert not [w.value for w in at.warning if "No workshop is open" in w.value]
