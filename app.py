"""Five Barriers: entry point. Navigation, theme and the shared sidebar live
here; each page is a thin file in pages/ that calls the fivebarriers package."""

import streamlit as st

from fivebarriers import navigation, ui

st.set_page_config(
    page_title="Five Barriers",
    page_icon=":material/account_tree:",
    layout="wide",
    initial_sidebar_state="expanded",
)

sections: dict[str, list] = {}
for spec in navigation.PAGES:
    page = st.Page(
        spec.path,
        title=spec.title,
        icon=spec.icon,
        url_path=spec.url_path,
        default=spec is navigation.PAGES[0],
    )
    sections.setdefault(spec.section, []).append(page)

current = st.navigation(sections)

with st.sidebar:
    db = ui.database()
    st.caption(f"Data: {db.path.name}")

current.run()
