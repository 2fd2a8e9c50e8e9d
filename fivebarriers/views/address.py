"""The address is the page's state, the browser's Back button included.

Streamlit 1.67 makes every change of st.query_params a new history entry
(pushState), and on Back or Forward it reruns the page with the restored
address, flagged as a history navigation. Our filters mirror the address
with widgets of their own (keys `facet_<param>`, `url_<param>`), whose
values the browser sends back on every rerun: left alone they win, write
themselves into the address again, and Back seemed to do nothing. On a
history navigation the address decides (`back_or_forward`), and the filter
puts the address's value into its widget (`show`), which also tells the
browser to redraw it.

A page about one thing opened bare (/pilots) names the one it shows in
the address it was opened with (`name_in_place`), not in a second entry:
otherwise the first Back lands on the bare address, which names the pilot
again, and Back seems to do nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

# Rendered in the page itself (a v2 component), so it can reach the page's history.
_replace = st.components.v2.component(
    "fivebarriers_replace_address",
    js=(Path(__file__).parent / "assets" / "replace_address.js").read_text(encoding="utf-8"),
)


def back_or_forward() -> bool:
    """True when this run follows the browser's Back or Forward button.

    (ScriptRunContext.is_history_navigation is not public API: if it moves,
    this says False and Back keeps the view, as before.)"""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))


def show(widget_key: str, value: Any) -> None:
    """Set the value of the widget keyed `widget_key` before it is drawn.
    Streamlit then sends the value to the browser with the widget, even
    when it is unchanged: a multiselect's chips otherwise keep the label
    (and so the count) they were picked with."""
    st.session_state[widget_key] = value


def name_in_place(key: str, value: str) -> None:
    """Write ?key=value into the browser's current history entry, replacing
    it rather than adding one. Streamlit's own address (st.query_params) does
    not hold it until the next run, which sends the browser's address back."""
    _replace(key=f"fb_address_{key}", data={"key": key, "value": value})
