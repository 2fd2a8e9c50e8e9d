"""Scroll the page back to its top: after a click deep in a page (the Places
map) opens what it points at at the top of the page. A Streamlit custom
component (v2, rendered in the page itself), with no HTML and no data but a
token, so each request scrolls once."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_component = st.components.v2.component(
    "fivebarriers_scroll_top",
    js=(Path(__file__).parent / "assets" / "scroll_top.js").read_text(encoding="utf-8"),
)


def scroll_to_top(token: str, key: str) -> None:
    """Scroll to the top once for this token (a new token scrolls again)."""
    _component(key=key, data={"token": token})
