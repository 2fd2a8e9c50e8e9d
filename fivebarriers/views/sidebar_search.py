"""The search box at the top of every page's sidebar (app.py calls `box()`).

Enter (or the Search button) opens the Search page with the words in its URL
(/search?q=…), and the box empties itself for the next search.

It is a form, so it sends nothing until it is submitted (a plain text box
also reran the page whenever it lost focus), and a visible Search button
stands beside Enter."""

from __future__ import annotations

import streamlit as st

SEARCH_PAGE = "pages/search.py"
_FORM = "fb_sidebar_search"
_KEY = "sidebar_search"


def box() -> None:
    with st.form(_FORM, clear_on_submit=True, border=False, enter_to_submit=True):
        typed = st.text_input(
            "Search",
            key=_KEY,
            placeholder="Pilot, place, department…",
            help="Pilots, places, departments (under any name they had), programmes, results, "
            "barrier findings, recommendations and sources. Press Enter.",
        )
        submitted = st.form_submit_button("Search", icon=":material/search:")
    words = " ".join(str(typed or "").split())
    if submitted and words:
        st.switch_page(SEARCH_PAGE, query_params={"q": words})
