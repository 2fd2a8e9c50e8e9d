"""Overview: where each barrier came up, the five barriers, and the headline
results against their own goals."""

import streamlit as st

from fivebarriers.views import overview, result_tables, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("What place-based pilots achieved, and what got in their way")
ui.synthetic_banner()
st.markdown(overview.INTRO)

# The answer to "which barrier came up most widely" comes first, ranked by
# places; the cards below carry the same count before their finding counts.
reach = ui.records("barrier_reach")
ui.chart_block(overview.reach_chart(reach), key="reach", level=2)
places_by_barrier = {r["barrier_id"]: int(r["places"]) for r in reach}

st.header("The five barriers")
for barrier in ui.records("barrier_summary"):
    with st.container(border=True):
        st.subheader(f"{barrier['number']}. {ui.escape_md(barrier['name'])}")
        st.text(barrier["summary"])
        st.caption(overview.barrier_caption(barrier, places_by_barrier.get(barrier["barrier_id"], 0)))
        st.page_link(
            "pages/barriers.py",
            label=f"Evidence, advice and pilots for {ui.escape_md(barrier['name'])}",
            icon=":material/arrow_forward:",
            query_params={"barrier": barrier["barrier_id"]},
        )

st.header("What the data covers")
counts = ui.records("overview_counts")[0]
ui.metric_row(overview.headline_metrics(counts))
st.caption(ui.escape_md(overview.metrics_note(counts)))

st.header("Results against their own goals")
# The filter sits beside the chart it governs and says so: the figures above
# count the whole database (review M14).
programmes = ui.query("programme_options")
programme = ui.url_choice(
    "programme",
    "Show results for",
    dict(zip(programmes["programme_id"], programmes["short_name"], strict=True)),
    all_label="All programmes",
)
scope = result_tables.goal_scope("programme", programme)
goal_counts = ui.records("scope_goal_counts", **scope)[0]
rows = ui.records("headline_results", programme=programme, limit=overview.HEADLINE_LIMIT)
if rows:
    name = None if programme is None else rows[0]["programme_name"]
    ui.chart_block(overview.headline_chart(rows, goal_counts, name), key="headline")
    st.caption(ui.escape_md(result_tables.drawn_text(len(rows), goal_counts)))
    if len(rows) < int(goal_counts["with_goal"]):
        st.page_link(
            "pages/explorer.py",
            label=f"All {int(goal_counts['with_goal']):,} results with a goal, in the Results explorer",
            icon=":material/table_view:",
            query_params={} if programme is None else {"programme": programme},
        )
else:
    st.info("No result in this programme has a stated goal, so none can be drawn against one.")
