"""Overview: the headline results against their own targets, and the five barriers."""

import streamlit as st

from fivebarriers.views import overview, result_tables, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("What place-based pilots achieved, and what got in their way")
ui.synthetic_banner()
st.markdown(overview.INTRO)

counts = ui.query("overview_counts").iloc[0]
ui.metric_row(overview.headline_metrics(counts))
st.caption(ui.escape_md(overview.metrics_note(counts)))

programmes = ui.query("programme_options")
programme = ui.url_choice(
    "programme",
    "Programme",
    dict(zip(programmes["programme_id"], programmes["short_name"], strict=True)),
    all_label="All programmes",
)

st.header("Did pilots meet their goals?")
scope = result_tables.goal_scope("programme", programme)
goal_counts = ui.records("scope_goal_counts", **scope)[0]
rows = ui.records("headline_results", programme=programme, limit=overview.HEADLINE_LIMIT)
if rows:
    name = None if programme is None else rows[0]["programme_name"]
    result_tables.show_goal_rows(rows, goal_counts, overview.chart_context(name), key="headline")
    if len(rows) < int(goal_counts["with_goal"]):
        st.page_link(
            "pages/explorer.py",
            label=f"All {int(goal_counts['with_goal']):,} results with a goal, in the Results explorer",
            icon=":material/table_view:",
            query_params={} if programme is None else {"programme": programme},
        )
else:
    st.info("No result in this programme has a goal.")

st.header("The five barriers")
for barrier in ui.records("barrier_summary"):
    with st.container(border=True):
        st.subheader(f"{barrier['number']}. {ui.escape_md(barrier['name'])}")
        st.text(barrier["summary"])
        st.caption(overview.barrier_caption(barrier))
        st.page_link(
            "pages/barriers.py",
            label=f"Evidence, advice and pilots for {ui.escape_md(barrier['name'])}",
            icon=":material/arrow_forward:",
            query_params={"barrier": barrier["barrier_id"]},
        )
