"""What the room is asked and what it answered: plain data shared by the
room's side (questions on a slide, the phone page, the live chart) and by
saving the answers as a dataset (workshop/room_save.py).

The fixed questions' options come from the curated data files, read once at
import: the five barriers' names in their display order from
data/barriers.csv (the names the Barriers page shows), and the twelve
recommendations from data/recommendations.csv in their number order. The
recommendations have no short titles in the data, so each option is the
opening words of its text, cut at the first natural break (see
`short_title`); the data stays the one place the words are written.

`RoomAnswers` holds counts only: how many people chose each option, never
who chose what."""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from fivebarriers.config import DATA_DIR

# A recommendation's short title ends before the first of these, once it
# has at least MIN_WORDS words, and has at most MAX_WORDS words.
_BREAKS = re.compile(r",| that | so | to | with | on | through | for | and use ")
MIN_WORDS = 3
MAX_WORDS = 9


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class RoomAnswers:
    """One question's answers from one workshop: counts per option, every
    option present (0 when nobody chose it), in the question's order."""

    session_code: str
    question_id: str
    question: str
    place: str | None
    held_on: datetime.date
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def short_title(text: str) -> str:
    """'Set up departmental place forums or boards that meet…' -> 'Set up
    departmental place forums or boards': the words before the first break
    that leaves at least MIN_WORDS words, at most MAX_WORDS words."""
    for match in _BREAKS.finditer(text):
        head = text[: match.start()].strip()
        if len(head.split()) >= MIN_WORDS:
            text = head
            break
    words = text.rstrip(".").split()
    return " ".join(words[:MAX_WORDS])


def _rows(name: str, data_dir: Path) -> list[dict[str, str]]:
    with open(data_dir / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def barrier_names(data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """The five barriers' names in display order (Structures … Culture)."""
    rows = sorted(_rows("barriers", data_dir), key=lambda r: int(r["display_order"]))
    return tuple(r["name"] for r in rows)


def recommendation_titles(data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """The twelve recommendations' short titles in number order."""
    rows = sorted(_rows("recommendations", data_dir), key=lambda r: int(r["number"]))
    return tuple(short_title(r["text"]) for r in rows)


QUESTIONS: tuple[Question, ...] = (
    Question("barrier-most", "Which barrier holds your place back most?", barrier_names()),
    Question(
        "recommendation-most",
        "Which of the twelve recommendations would help most?",
        recommendation_titles(),
    ),
)


def question(question_id: str) -> Question:
    """The fixed question with this id; KeyError if there is none."""
    for q in QUESTIONS:
        if q.id == question_id:
            return q
    raise KeyError(question_id)
