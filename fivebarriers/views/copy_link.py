"""The "Copy link to this view" control at the top of every page (chrome
draws it): any view is a link a champion can paste into an email.

A Streamlit custom component (v2, rendered in the page itself, so it reads
the page's own address), with no data: the link is the address the browser
holds when the button is pressed, so it carries whatever the filters have
written there. The CSS and JavaScript are files beside this module."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ASSETS = Path(__file__).parent / "assets"
LABEL = "Copy link to this view"
CONFIRMATION = "Link copied"

_component = st.components.v2.component(
    "fivebarriers_copy_link",
    css=(ASSETS / "copy_link.css").read_text(encoding="utf-8"),
    js=(ASSETS / "copy_link.js").read_text(encoding="utf-8"),
)


def control() -> None:
    """The button, and after a press the link in a text field and "Link copied"."""
    _component(key="fb_copy_link", width="stretch")
