"""The menu on a phone (views/assets/phone_menu.js): it closes after a
search or a page link, and its buttons are named "Menu" and "Close the
menu". A Streamlit custom component (v2, rendered in the page itself) that
draws nothing; app.py mounts it on every page with the shared frame (the
slideshow has its own)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_component = st.components.v2.component(
    "fivebarriers_phone_menu",
    js=(Path(__file__).parent / "assets" / "phone_menu.js").read_text(encoding="utf-8"),
)


def wire() -> None:
    _component(key="fb_phone_menu")
