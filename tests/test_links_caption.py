"""The Barriers page's sentence under its list of pilots counts links (a
pilot that both tackled a barrier and was held back by it has two), and says
so: "For 6 of the 7" read as 7 pilots when 6 were listed. It says so without
"links", an internal word (words.INTERNAL_TERMS)."""

from __future__ import annotations

import pytest

from fivebarriers.views.barriers import links_caption


def counts(addressed: int, faced: int, our_reading: int, pilots: int, both_names=None) -> dict:
    return {
        "addressed": addressed,
        "faced": faced,
        "our_reading": our_reading,
        "links": addressed + faced,
        "pilots": pilots,
        "both_names": both_names,
    }


@pytest.mark.parametrize(
    ("given", "said"),
    [
        # Bodmin's pilot did both: 7 counted, 6 pilots; the sentence says what the 7 is of.
        (
            counts(5, 2, 6, 6, ["Bodmin skills and employment pilot"]),
            "5 pilots tackled this barrier and 2 were held back by it (Bodmin skills and employment "
            "pilot did both). The report says so for 1 of the 7 (the 5 and the 2); "
            "for 6, it is our judgement.",
        ),
        (
            counts(5, 1, 4, 6),
            "5 pilots tackled this barrier and 1 was held back by it. "
            "The report says so for 2 of the 6 (the 5 and the 1); for 4, it is our judgement.",
        ),
        (
            counts(2, 0, 1, 2),
            "2 pilots tackled this barrier; none was held back by it. "
            "The report says so for 1 of the 2; for 1, it is our judgement.",
        ),
        (
            counts(0, 3, 3, 3),
            "3 pilots were held back by this barrier. For all 3, it is our judgement: "
            "the report does not say so.",
        ),
        (counts(1, 0, 1, 1), "1 pilot tackled this barrier; none was held back by it. "
                             "The report does not make the link: it is our judgement."),
        (counts(0, 1, 0, 1), "1 pilot was held back by this barrier. The report says so."),
        (counts(3, 1, 0, 4), "3 pilots tackled this barrier and 1 was held back by it. "
                             "The report says so for all 4."),
    ],
)  # fmt: skip
def test_the_caption_says_what_each_count_is_of(given: dict, said: str) -> None:
    assert links_caption(given) == said
    assert "links" not in said.lower()  # words.INTERNAL_TERMS
