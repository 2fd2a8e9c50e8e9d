"""Bring back a page that updates itself if Streamlit's page code stops
(views/assets/recover.js): the Present page's windows and a workshop's
phones poll the server, nobody at a projector or a phone thinks of
reloading, and under load Streamlit's code once stopped on the presenter
view, leaving it blank. A Streamlit custom component (v2, rendered in the
page itself) that draws nothing; it loads the page again from its address,
which carries the view's state."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_component = st.components.v2.component(
    "fivebarriers_recover",
    js=(Path(__file__).parent / "assets" / "recover.js").read_text(encoding="utf-8"),
)


def watch() -> None:
    _component(key="fb_recover")
