"""Values from a URL, shortened before a message repeats them.

A page that cannot use a value from the link says so and quotes it. The
quote is cut to its first SHOWN characters (only the quote: the value is
still looked up whole): the reader needs no more to recognise it, and a
link of half a megabyte must not make a message (and every copy of it, in
the escaping and the page) half a megabyte too (security review 2026-12-06,
finding 4). The bottom of the package, so the views and the workshop both
use it."""

from __future__ import annotations

SHOWN = 80  # characters quoted; the longest id in data/ has 31
MORE = "…"


def shorten(raw: object) -> str:
    """`raw` as text, cut to SHOWN characters with "…" when it is longer."""
    text = str(raw)
    return text if len(text) <= SHOWN else text[:SHOWN] + MORE
