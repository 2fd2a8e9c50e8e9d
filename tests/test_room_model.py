"""The room's fixed questions read their options from the curated data."""

from __future__ import annotations

import csv

from fivebarriers.config import DATA_DIR
from fivebarriers.workshop import room_model


def test_barrier_question_lists_the_five_barriers_in_display_order():
    q = room_model.question("barrier-most")
    assert q.text == "Which barrier holds your place back most?"
    assert q.options == ("Structures", "Priorities", "Funding", "Data-sharing", "Culture")


def test_recommendation_question_has_twelve_distinct_short_titles_in_number_order():
    q = room_model.question("recommendation-most")
    with open(DATA_DIR / "recommendations.csv", encoding="utf-8") as f:
        texts = [r["text"] for r in sorted(csv.DictReader(f), key=lambda r: int(r["number"]))]
    assert len(q.options) == 12 == len(set(q.options))
    for title, text in zip(q.options, texts, strict=True):
        assert text.startswith(title) and 3 <= len(title.split()) <= room_model.MAX_WORDS
    assert q.options[0] == "Set up departmental place forums or boards"
    assert q.options[4] == "Find out, record and share regional and national priorities"


def test_short_title_cuts_at_the_first_break_after_three_words():
    assert (
        room_model.short_title("Make funding guidance, including the Green Book, simpler.")
        == "Make funding guidance"
    )
    assert (
        room_model.short_title("Work with cross-government bodies, and more")
        == "Work with cross-government bodies"
    )
    assert room_model.short_title("One two three four five six seven eight nine ten.") == (
        "One two three four five six seven eight nine"
    )
