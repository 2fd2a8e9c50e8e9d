"""Choosing a pilot among thousands: a search box over the search index, and
a list that holds only the pilots it found (issue 28).

At 10M outputs there are 25,000 pilots; a select box holding all of them
sends every label to the browser on every rerun (20-40 ms of a page's
rerun). The finder sends at most `LISTED` pilots: with nothing typed, the
first by name (on the curated data, about 30: every pilot); with words
typed, the pilots the sidebar's search finds for them (queries/search_hits.sql:
names from their start, despite a wrong letter, under their place and
programme too). The pilot already chosen, and the page's default, are always
in the list, so the list shows what the page shows and the choice stays in
the address (?pilot=) as before.

The same two controls at every size, so a keyboard or screen-reader user
does the same thing on the curated data and at 10M: type in the box (the
list follows after a pause, or on Tab or Enter), then choose in the list."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from fivebarriers.views import address, facets, search, ui

LISTED = 50  # pilots sent to the browser at most, besides the chosen ones
PAUSE = "300ms"  # typing pause after which the list follows the words
FIND_HELP = (
    "Type part of a pilot's name, its place or its programme; the list below then holds the pilots that "
    "match. Names match from their start and despite a wrong letter."
)


def offered(
    options: Mapping[str, str], found: Sequence[str] | None, keep: Sequence[str | None]
) -> dict[str, str]:
    """The pilots the list holds, in the order of their labels (by name):
    those `found` for the typed words (None: nothing typed, so the first
    `LISTED` options), at most `LISTED` of them, and every pilot in `keep`
    (the chosen ones and the default) that is an option. The order does not
    depend on which of them is chosen, so choosing one does not change the
    list. Only those few are looked at, not all 25,000 options."""
    first = iter(options) if found is None else (i for i in found if i in options)
    wanted = set(itertools.islice(first, LISTED))
    wanted.update(i for i in keep if i is not None and i in options)
    if len(wanted) == len(options):
        return dict(options)
    return {i: options[i] for i in sorted(wanted, key=lambda i: (options[i], i))}


def matches(words: str) -> tuple[list[str], int]:
    """Ids of the (at most `LISTED`) pilots the search index ranks best for
    `words`, best first, and how many pilots match in all."""
    rows = [r for r in ui.records("search_hits", q=words, per_kind=LISTED) if r["kind"] == "pilot"]
    return [str(r["entity_id"]) for r in rows], int(rows[0]["kind_total"]) if rows else 0


def match_text(words: str | None, found: int, listed: int, total: int) -> str:
    """The line under the box: what the list holds, in plain words."""
    if words is None:
        if listed >= total:
            return f"The list holds all {total:,} pilots." if total != 1 else "The list holds the only pilot."
        return f"The list holds the first {listed:,} of {total:,} pilots by name; type to find the others."
    if found == 0:
        return f"No pilot matches “{words}”: check the spelling, or try the start of a name."
    if found > LISTED:
        return f"{found:,} pilots match “{words}”; the list holds the best {LISTED:,}."
    noun = "pilot matches" if found == 1 else "pilots match"
    return f"{found:,} {noun} “{words}”; choose in the list below."


def _find(key: str, options: Mapping[str, str], keep: Sequence[str | None]) -> dict[str, str]:
    typed = st.text_input(
        "Find a pilot",
        key=f"find_{key}",
        type="search",
        live=PAUSE,
        placeholder="Name, place or programme",
        help=FIND_HELP,
    )
    words = search.clean_query(typed) or None
    found, total = (None, 0) if words is None else matches(words)
    listed = offered(options, found, keep)
    st.caption(ui.escape_md(match_text(words, total, len(listed), len(options))))
    return listed


def one(
    key: str,
    label: str,
    options: Mapping[str, str],
    default: str,
    help: str | None = None,
    always: bool = False,
) -> str:
    """ui.url_choice for a pilot (?KEY=id), with the finder above it. With
    `always`, the address names the pilot even when it is the default."""
    widget = f"url_{key}"
    raw = st.query_params.get(key)
    # On Back or Forward the address decides (views/address.py), so the pilot it
    # names must be among those listed, even beyond the finder's first page.
    if address.back_or_forward() and raw in options:
        current: Any = raw
    elif widget in st.session_state and st.session_state[widget] in options:
        current = st.session_state[widget]
    else:
        current = raw if raw in options else default
    # Side by side on a wide screen (stacked on a phone): the finder must not
    # push the pilot's own title and its answer below the first screen.
    find_column, list_column = st.columns([2, 3])
    with find_column:
        listed = _find(key, options, [current, default])
    with list_column:
        return ui.url_choice(key, label, listed, default=default, help=help, keep_default=True, always=always)


def several(
    key: str, label: str, options: Mapping[str, str], chosen: list[str], help: str | None = None
) -> None:
    """facets.url_multi for pilots (?KEY=a,b), with the finder above it;
    `chosen` comes from facets.current, as for the other filters."""
    listed = _find(key, options, chosen)
    facets.url_multi(key, label, listed, chosen, help=help)
