"""Words and rules for the Present page (plain Python; the page draws).

The slide number lives in the URL (?slide=5) so a facilitator can bookmark
and jump; a number that is not a slide gets a clear message and slide 1."""

from __future__ import annotations

from fivebarriers.reflected import shorten

FILTER_LABELS = {"barrier": "barrier", "place": "place", "programme": "programme"}


def parse_slide(raw: str | None, total: int) -> tuple[int, str | None]:
    """The 1-based slide to show and, for a bad value, the message to give."""
    if raw is None or raw == "":
        return 1, None
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if 1 <= number <= total:
        return number, None
    return 1, (
        f"The link asks for slide “{shorten(raw)}”, but this deck has slides 1 to {total}. Showing slide 1."
    )


def bad_filter_message(name: str, raw: str, known_as: str | None = None) -> str:
    """A focus the storyboard cannot take. `known_as` names a place that is in the
    data but has no pilots or findings (so it is not 'missing', just empty)."""
    if known_as:
        return (
            f"{known_as} is in the data but has no pilots or findings to present, "
            f"so there is no session focused on it. Showing all {name}s."
        )
    return f"The link asks for {name} “{shorten(raw)}”, which is not in the data. Showing all {name}s."


def counter(number: int, total: int) -> str:
    return f"{number} of {total}"
