"""The questions a workshop's room may be asked, and the options of each, as
the data wing knows them: `check` and the load refuse a count for a question
or an option not listed here, and an option that is a barrier carries its
barrier_id.

The room's side (fivebarriers.workshop.room_model) asks the same questions,
with options read from the same curated files by the same rule; the data
wing cannot import it (a lower layer, tests/test_layering.py), so the rule
is repeated here and tests/test_workshop_answers.py keeps the two equal."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from fivebarriers.config import DATA_DIR


@dataclass(frozen=True)
class KnownQuestion:
    id: str
    text: str
    options: tuple[str, ...]
    barriers: tuple[tuple[str, str], ...] = ()  # (option, barrier_id) for options that are barriers

    def barrier_of(self, option: str) -> str | None:
        return dict(self.barriers).get(option)


# A recommendation's option is the opening words of its text, up to the first
# natural break (room_model.short_title): at least 3 words, at most 9.
_BREAKS = re.compile(r",| that | so | to | with | on | through | for | and use ")
_MIN_WORDS, _MAX_WORDS = 3, 9


def _short_title(text: str) -> str:
    for match in _BREAKS.finditer(text):
        head = text[: match.start()].strip()
        if len(head.split()) >= _MIN_WORDS:
            text = head
            break
    return " ".join(text.rstrip(".").split()[:_MAX_WORDS])


def _rows(name: str, data_dir: Path) -> list[dict[str, str]]:
    with open(data_dir / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _questions(data_dir: Path = DATA_DIR) -> dict[str, KnownQuestion]:
    barriers = sorted(_rows("barriers", data_dir), key=lambda r: int(r["display_order"]))
    recommendations = sorted(_rows("recommendations", data_dir), key=lambda r: int(r["number"]))
    named = tuple((r["name"], r["barrier_id"]) for r in barriers)
    asked = (
        KnownQuestion(
            "barrier-most",
            "Which barrier holds your place back most?",
            tuple(name for name, _ in named),
            named,
        ),
        KnownQuestion(
            "recommendation-most",
            "Which of the twelve recommendations would help most?",
            tuple(_short_title(r["text"]) for r in recommendations),
        ),
    )
    return {q.id: q for q in asked}


KNOWN_QUESTIONS: dict[str, KnownQuestion] = _questions()


def check_params() -> dict[str, list[str]]:
    """The known questions and options as queries/check_workshop_answers.sql reads them."""
    asked = [(q, option) for q in KNOWN_QUESTIONS.values() for option in q.options]
    return {
        "questions": list(KNOWN_QUESTIONS),
        "options": [f"{q.id}|{option}" for q, option in asked],
        "choices": [f"{q.id}|{option}|{q.barrier_of(option) or ''}" for q, option in asked],
    }
