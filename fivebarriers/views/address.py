"""The address is the page's state, the browser's Back button included.

Streamlit 1.67 makes every change of st.query_params a new history entry
(pushState), and on Back or Forward it reruns the page with the restored
address, flagged as a history navigation. Our filters mirror the address
with widgets of their own (keys `facet_<param>`, `url_<param>`), whose
values the browser sends back on every rerun: left alone they win, write
themselves into the address again, and Back seemed to do nothing. On a
history navigation the address decides (`back_or_forward`), and the filter
puts the address's value into its widget (`show`), which also tells the
browser to redraw it."""

from __future__ import annotations

from typing import Any

import streamlit as st


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
