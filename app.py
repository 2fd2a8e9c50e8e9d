"""Five Barriers: entry point. Navigation, theme and the shared sidebar live
here; each page is a thin file in pages/ that calls the fivebarriers package."""

import streamlit as st

from fivebarriers.views import navigation, ui

# A flat menu, in registry order: Streamlit 1.67 renders section headers as
# <div>/<header> inside the <ul>, which axe reports as broken lists (WCAG 1.3.1).
pages = [
    st.Page(
        spec.path,
        title=spec.title,
        icon=spec.icon,
        url_path=spec.url_path,
        default=spec is navigation.PAGES[0],
    )
    for spec in navigation.PAGES
]
current = st.navigation(pages)
# One page config per run, after navigation knows the page: the Present page
# starts with the sidebar collapsed and keeps it so (a second, contradicting
# set_page_config from the page made the sidebar open and close on alternate slides).
st.set_page_config(
    page_title="Five Barriers",
    page_icon=":material/account_tree:",
    layout="wide",
    initial_sidebar_state="collapsed" if current.url_path == "present" else "expanded",
)

with st.sidebar:
    db = ui.database()
    st.caption(f"Data: {db.label}")

current.run()
