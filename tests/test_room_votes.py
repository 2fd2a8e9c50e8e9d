"""The room's answers store: one answer per participant per question, exact
counts under concurrent writers, limits and expiry."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from fivebarriers.config import ROOT
from fivebarriers.workshop import room_votes
from fivebarriers.workshop.room_votes import RoomError, Votes

BARRIERS = ("Structures", "Priorities", "Funding", "Data-sharing", "Culture")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def votes(tmp_path):
    return Votes(tmp_path / "present", clock=Clock())


def test_one_answer_per_participant_changeable_until_closed_and_again_after_reopening(votes):
    room = votes.open_room("ABCDEF", place="bodmin")
    assert room_votes.CODE.match(room.code) and room.question is None
    votes.ask(room.code, "barrier-most")
    a, b = room_votes.new_token(), room_votes.new_token()
    votes.answer(room.code, a, "Funding")
    votes.answer(room.code, b, "Culture")
    votes.clock.now += 1
    votes.answer(room.code, a, "Culture")  # a changes their mind
    assert votes.counts(room.code, "barrier-most") == (
        ("Structures", 0), ("Priorities", 0), ("Funding", 0), ("Data-sharing", 0), ("Culture", 2)
    )  # fmt: skip
    assert votes.my_answer(room.code, "barrier-most", a) == "Culture"
    votes.close(room.code)
    with pytest.raises(RoomError, match="closed this question"):
        votes.answer(room.code, b, "Funding")
    assert dict(votes.counts(room.code, "barrier-most"))["Culture"] == 2
    votes.ask(room.code, "barrier-most")  # reopened: the answers are still there and can change
    votes.clock.now += 1
    votes.answer(room.code, b, "Funding")
    assert dict(votes.counts(room.code, "barrier-most")) == {
        **dict.fromkeys(BARRIERS, 0),
        "Culture": 1,
        "Funding": 1,
    }
    saved = votes.answers(room.code)
    assert (saved.session_code, saved.question_id, saved.place, saved.total) == (
        room.code, "barrier-most", "bodmin", 2
    )  # fmt: skip
    assert [label for label, _ in saved.counts] == list(BARRIERS)


def test_the_same_presenter_session_keeps_its_room_and_another_gets_a_new_code(votes):
    first = votes.open_room("ABCDEF")
    assert votes.open_room("ABCDEF").code == first.code
    assert votes.open_room("GHJKMN").code != first.code


def test_questions_are_separate_and_options_are_checked(votes):
    code = votes.open_room("ABCDEF").code
    token = room_votes.new_token()
    votes.ask(code, "barrier-most")
    votes.answer(code, token, "Funding")
    votes.ask(code, "recommendation-most")
    with pytest.raises(RoomError, match="not one of"):
        votes.answer(code, token, "Funding")
    votes.answer(code, token, "Run a communications campaign")
    assert sum(n for _, n in votes.counts(code, "barrier-most")) == 1
    assert dict(votes.counts(code, "recommendation-most"))["Run a communications campaign"] == 1


@pytest.mark.parametrize("code", ["", "ABC", "ABCDEFG0", "abcdefgh'; drop table rooms; --", "ZZZZZZZZ"])
def test_unknown_or_malformed_codes_say_so(votes, code):
    with pytest.raises(RoomError, match="code"):
        votes.room(code)


@pytest.mark.parametrize("token", ["", "short", "x" * 65, "has space in it ok ok", "../../../../etc/passwd"])
def test_bad_tokens_are_refused(votes, token):
    code = votes.open_room("ABCDEF").code
    votes.ask(code, "barrier-most")
    with pytest.raises(RoomError, match="address"):
        votes.answer(code, token, "Funding")


def test_limits_per_participant_and_per_room(votes, monkeypatch):
    code = votes.open_room("ABCDEF").code
    votes.ask(code, "barrier-most")
    token = room_votes.new_token()
    votes.answer(code, token, "Funding")
    with pytest.raises(room_votes.Refused):  # again at once: too fast
        votes.answer(code, token, "Culture")
    for _ in range(room_votes.MAX_CHANGES - 1):
        votes.clock.now += 1
        votes.answer(code, token, "Culture")
    votes.clock.now += 1
    with pytest.raises(room_votes.Refused):  # too many changes
        votes.answer(code, token, "Funding")
    monkeypatch.setattr(room_votes, "MAX_PARTICIPANTS", 3)
    for _ in range(2):
        votes.answer(code, room_votes.new_token(), "Funding")
    with pytest.raises(room_votes.Refused, match="as many answers"):
        votes.answer(code, room_votes.new_token(), "Funding")
    monkeypatch.setattr(room_votes, "MAX_PARTICIPANTS", 1000)
    monkeypatch.setattr(room_votes, "ROOM_PER_MINUTE", 25)  # 20 + 2 used so far
    for _ in range(3):
        votes.answer(code, room_votes.new_token(), "Funding")
    with pytest.raises(room_votes.Refused, match="at once"):
        votes.answer(code, room_votes.new_token(), "Funding")
    votes.clock.now += 61  # a new minute
    votes.answer(code, room_votes.new_token(), "Funding")


def test_questions_and_rooms_expire(votes):
    code = votes.open_room("ABCDEF").code
    votes.ask(code, "barrier-most")
    votes.clock.now += room_votes.QUESTION_SECONDS + 1
    assert not votes.room(code).is_open
    with pytest.raises(RoomError, match="closed"):
        votes.answer(code, room_votes.new_token(), "Funding")
    votes.clock.now += room_votes.ROOM_SECONDS
    with pytest.raises(RoomError, match="No workshop is open"):
        votes.room(code)
    assert votes.open_room("ABCDEF").code != code  # the presenter's session gets a fresh room


def test_concurrent_answers_from_threads_count_exactly(tmp_path):
    votes = Votes(tmp_path / "present")
    code = votes.open_room("ABCDEF").code
    votes.ask(code, "barrier-most")
    tokens = [room_votes.new_token() for _ in range(60)]
    errors: list[BaseException] = []

    def vote(i: int) -> None:
        try:
            Votes(tmp_path / "present").answer(code, tokens[i], BARRIERS[i % 5])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert votes.counts(code, "barrier-most") == tuple((b, 12) for b in BARRIERS)


# Each process answers for 20 participants, as a replica of the app would.
VOTER = """
import sys
from fivebarriers.workshop.room_votes import Votes
folder, code, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
barriers = ("Structures", "Priorities", "Funding", "Data-sharing", "Culture")
votes = Votes(folder)
for i in range(start, start + 20):
    votes.answer(code, f"participant-token-{i:04d}", barriers[i % 5])
"""


def test_concurrent_answers_from_processes_count_exactly(tmp_path):
    folder = tmp_path / "present"
    votes = Votes(folder)
    code = votes.open_room("ABCDEF").code
    votes.ask(code, "barrier-most")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", VOTER, str(folder), code, str(20 * n)], env=env)
        for n in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    assert votes.counts(code, "barrier-most") == tuple((b, 16) for b in BARRIERS)
