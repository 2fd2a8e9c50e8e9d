"""The search box at the top of every page's sidebar (app.py calls `box()`).

Enter opens the Search page with the words in its URL (/search?q=…). The
box empties itself afterwards, so it is ready for the next search."""

from __future__ import annotations

import streamlit as st

SEARCH_PAGE = "pages/search.py"
_KEY = "sidebar_search"
_GO = "_sidebar_search_go"


def _submit() -> None:
    # A widget callback cannot switch pages; it leaves the words for box().
    st.session_state[_GO] = st.session_state.get(_KEY, "")
    st.session_state[_KEY] = ""


def box() -> None:
    st.text_input(
        "Search",
        key=_KEY,
        placeholder="Pilot, place, department…",
        help="Pilots, places, departments (under any name they had), programmes, results, "
        "barrier findings, recommendations and sources. Press Enter.",
        on_change=_submit,
    )
    words = " ".join(str(st.session_state.pop(_GO, "") or "").split())
    if words:
        st.switch_page(SEARCH_PAGE, query_params={"q": words})
