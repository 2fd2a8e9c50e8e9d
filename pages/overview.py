"""Overview: the page's two answers first, in short (whether pilots met their
goals, with the report's own judgement and its caveat; where each barrier came
up), then the results against their goals, the barriers ranked by the places
where they came up, the five barriers, and what the data covers. The order
follows the title: what pilots achieved, then what got in their way."""

import streamlit as st

from fivebarriers.views import overview, result_tables, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("What place-based pilots achieved, and what got in their way")
ui.synthetic_banner()
st.markdown(overview.INTRO)

# The filter governs only the goal chart, and sits beside it; the answers in
# short are read for the same choice (review M14), so none disagrees with it.
programmes = ui.query("programme_options")
programme_options = dict(zip(programmes["programme_id"], programmes["short_name"], strict=True))
reach = ui.records("barrier_reach")
answers = st.container(border=True)
places_by_barrier = {r["barrier_id"]: int(r["places"]) for r in reach}


st.header("Did pilots meet their goals?")
programme = ui.url_choice("programme", "Show results for", programme_options, all_label="All programmes")
scope = result_tables.goal_scope("programme", programme)
goal_counts = ui.records("scope_goal_counts", **scope)[0]
rows = ui.records("headline_results", programme=programme, limit=overview.HEADLINE_LIMIT)
goal_headline, goal_notes = "", []
if rows:
    name = None if programme is None else rows[0]["programme_name"]
    context = overview.chart_context(name)
    goal_headline = result_tables.goal_headline(goal_counts, rows)
    goal_notes = result_tables.report_judgements(rows)
    result_tables.show_goal_rows(rows, goal_counts, context, key="headline")
    if len(rows) < int(goal_counts["with_goal"]):
        st.page_link(
            "pages/explorer.py",
            label=f"All {int(goal_counts['with_goal']):,} results with a goal, in the Results explorer",
            icon=":material/table_view:",
            query_params={} if programme is None else {"programme": programme},
        )
else:
    st.info("No result in this programme has a goal.")

# Where each barrier came up, ranked by places; the cards below carry the same
# count before their finding counts, so a count of findings is not read as reach.
ui.chart_block(overview.reach_chart(reach), key="reach", level=2)

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

# Drawn last (the goal figures come from the chart's own queries), shown first.
with answers:
    st.markdown("**In short**")
    for line in overview.in_short(reach, goal_headline, goal_notes):
        st.markdown(ui.escape_md(line))
