"""The phone page (/vote) through app.py with AppTest: plain words for a
missing, malformed or unknown code; one answer per phone, kept in the
page's own address, changeable until the question is closed."""

from __future__ import annotations

import time

import pytest

from fivebarriers.workshop import room_votes, sessions
from tests.url_params import run_page


@pytest.fixture
def votes(tmp_path, monkeypatch):
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "present"))
    return room_votes.Votes()


def texts(at) -> str:
    parts = [e.value for e in (*at.title, *at.subheader, *at.markdown)]
    parts += [e.body for e in (*at.warning, *at.info, *at.success)]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # Markdown escapes


def answer_buttons(at) -> dict[str, object]:
    return {b.label: b for b in at.button if b.key and b.key.startswith("vote_option_")}


@pytest.mark.parametrize(
    "params, says",
    [
        ({}, "Scan the QR code on the screen"),
        ({"c": "ZZZZZZZZ"}, "No workshop is open with the code ZZZZZZZZ"),
        ({"c": "not a code at all"}, "“not a code at all” is not a room code"),
    ],
)
def test_no_question_to_answer_says_so_plainly(votes, params, says):
    at = run_page("pages/vote.py", params)
    assert not at.exception
    assert says in texts(at)
    assert not answer_buttons(at)


def test_a_phone_answers_changes_and_sees_the_question_closed(votes):
    code = votes.open_room("ABCDEF", place="bodmin").code
    at = run_page("pages/vote.py", {"c": code.lower()})  # typed in lower case
    assert "has not asked a question yet" in texts(at)
    votes.ask(code, "barrier-most")
    at.run()
    token = at.query_params["p"]
    token = token[0] if isinstance(token, list) else token
    assert room_votes.TOKEN.match(token), "the phone's random token is kept in its address"
    assert "Which barrier holds your place back most?" in texts(at)
    assert list(answer_buttons(at)) == ["Structures", "Priorities", "Funding", "Data-sharing", "Culture"]
    answer_buttons(at)["Funding"].click().run()
    assert "Your answer: Funding. You can change it until the facilitator closes the question." in texts(at)
    assert votes.my_answer(code, "barrier-most", token) == "Funding"
    time.sleep(room_votes.MIN_GAP_S + 0.1)  # a change at once is refused as too fast
    answer_buttons(at)["Culture"].click().run()
    assert "Your answer: Culture." in texts(at)
    assert dict(votes.counts(code, "barrier-most")) == {
        "Structures": 0, "Priorities": 0, "Funding": 0, "Data-sharing": 0, "Culture": 1
    }  # fmt: skip
    votes.close(code)
    at.run()
    assert "The facilitator has closed this question. Your answer: Culture." in texts(at)
    assert not answer_buttons(at)
