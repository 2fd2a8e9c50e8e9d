"""What changed: when the data changed, what was added or taken out, and by
which load; drawn from the load history (the curated build, every analyst
load and undo)."""

import streamlit as st

from fivebarriers.views import changes as view
from fivebarriers.views import ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("What changed in the data")
ui.synthetic_banner()
st.markdown(
    "Every change to the figures in this service, newest first: the curated dataset taken from the "
    "published sources, then each load of new data by an analyst and each load taken back out (undone)."
)
st.markdown(f"**Data last changed: {view.last_changed_text()}**")

events = ui.records("data_changes")
counts = ui.records("curated_counts")
st.markdown(ui.escape_md(view.summary_text(events)))
st.header("History of changes")
ui.table(view.history_frame(events, counts))
st.caption(
    "Times are in UTC. “By” is the name an analyst gave when loading; an undo records no name. "
    "A batch is one load: all of its rows were added together, and an undo takes all of them out."
)
