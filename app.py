"""Five Barriers: entry point. Navigation, theme and the shared sidebar live
here; each page is a thin file in pages/ that calls the fivebarriers package."""

import streamlit as st

from fivebarriers.views import navigation, sidebar_search, ui

st.set_page_config(
    page_title="Five Barriers",
    page_icon=":material/account_tree:",
    layout="wide",
    initial_sidebar_state="expanded",
)

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

with st.sidebar:
    sidebar_search.box()
    db = ui.database()
    st.caption("Data: " + ui.escape_md(db.label))

current.run()
