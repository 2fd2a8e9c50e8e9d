"""Filters that take several values, mirrored in the URL (?barrier=a,b),
with the number of matching outputs beside each value, as GrantNav and
Datasette show them. A value in the URL that is not in the data gets a
clear message and is left out.

The counts depend on the choice, and the widgets show the counts, so a page
reads the choice first (`current`), asks for the counts, then draws the
widgets (`url_multi`)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from fivebarriers.reflected import shorten
from fivebarriers.views import address, ui

MAX_TEXT = 200


def _widget(key: str) -> str:
    return f"facet_{key}"


def url_values(key: str, options: Mapping[str, str], label: str) -> list[str]:
    """The values of ?key=a,b that are options, in order; a warning names the others."""
    raw = st.query_params.get(key)
    if not raw:
        return []
    asked = [v.strip() for v in raw.split(",") if v.strip()]
    unknown = [v for v in asked if v not in options]
    if unknown:
        names = ", ".join(f"“{shorten(v)}”" for v in unknown)
        st.warning(
            ui.escape_md(f"The link asks for {label.lower()} {names}, which is not in the data; left out.")
        )
    return list(dict.fromkeys(v for v in asked if v in options))


def current(key: str, options: Mapping[str, str], label: str) -> list[str]:
    """What the filter holds now: the widget's value after a change (the URL
    catches up when the widget is drawn), else the URL's (always the URL's
    after Back or Forward: see views/address.py)."""
    widget = _widget(key)
    if widget in st.session_state and not address.back_or_forward():
        return [v for v in st.session_state[widget] if v in options]
    return url_values(key, options, label)


def current_text(key: str) -> str | None:
    widget = _widget(key)
    from_widget = widget in st.session_state and not address.back_or_forward()
    raw = st.session_state[widget] if from_widget else st.query_params.get(key)
    value = " ".join((raw or "").split())[:MAX_TEXT]
    return value or None


def url_multi(
    key: str,
    label: str,
    options: Mapping[str, str],
    chosen: list[str],
    counts: Mapping[str, int] | None = None,
    help: str | None = None,
) -> list[str]:
    """A multiselect holding `chosen` (from `current`), each value with its count;
    the choice is written back to the URL. The chips are given their labels
    on every run, so their counts follow the other filters."""
    widget = _widget(key)
    if widget in st.session_state:
        address.show(widget, chosen)

    def shown(value: str) -> str:
        return f"{options[value]} ({counts.get(value, 0):,})"

    values = st.multiselect(
        label,
        list(options),
        default=None if widget in st.session_state else chosen,
        # Called once per option per rerun: 25,000 pilots have no counts to add.
        format_func=options.__getitem__ if counts is None else shown,
        help=help,
        placeholder="All",
        key=widget,
    )
    if values:
        st.query_params[key] = ",".join(values)
    elif key in st.query_params:
        del st.query_params[key]
    return list(values)


def url_text(key: str, label: str, chosen: str | None, help: str | None = None) -> str | None:
    """A free-text filter mirrored in the URL (?text=good+help)."""
    widget = _widget(key)
    if widget in st.session_state and address.back_or_forward():
        address.show(widget, chosen or "")
    value = st.text_input(
        label, value=None if widget in st.session_state else (chosen or ""), help=help, key=widget
    )
    value = " ".join((value or "").split())[:MAX_TEXT] or None
    if value:
        st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]
    return value
