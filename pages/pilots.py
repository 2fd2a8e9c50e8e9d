"""A pilot's page: what it did, where, when, who, barriers, results against
goals, findings, money and sources (/pilots?pilot=good-help-hub)."""

import streamlit as st

from fivebarriers import words
from fivebarriers.views import links, page_run, pilot_finder, pilots, result_tables, ui
from fivebarriers.views.page_run import through_app

through_app()

options = ui.derived(pilots.options, "pilot_options")
if not options:
    st.title("Pilots")
    st.info("The data holds no pilot yet.")
    page_run.stop()
default = "good-help-hub" if "good-help-hub" in options else next(iter(options))
links.forget_stale_choice("pilot", options)
pilot_id = pilot_finder.one(
    "pilot", "Pilot", options, default=default, help="Pilots and case studies.", always=True
)
pilot = ui.records("pilot_detail", pilot=pilot_id)[0]
ui.page_title(pilots.tab_name(pilot))

st.title(ui.escape_md(pilot["name"]))
ui.synthetic_banner()
st.markdown(pilots.facts_line(pilot))

barriers = ui.records("pilot_barriers_list", pilot=pilot_id)
departments = ui.records("pilot_departments_list", pilot=pilot_id)

st.header("Did it meet its goals?")
rows = ui.records("pilot_results", pilot=pilot_id, limit=result_tables.RESULTS_PAGE_SIZE)
counts = ui.records("pilot_result_count", pilot=pilot_id)[0]
result_tables.show_goal_chart(
    result_tables.goal_scope("pilot", pilot_id), str(pilot["name"]), key="pilot_goals"
)
st.markdown(ui.escape_md(pilots.results_text(int(counts["outputs"]), len(rows))))
if rows:
    links.table(pilots.results_frame(rows))
if int(counts["outputs"]) > len(rows):
    st.page_link(
        "pages/explorer.py",
        label="Every result of this pilot in the Results explorer",
        query_params={"pilot": pilot_id},
        icon=":material/table_chart:",
    )

# What it did comes after its results: a reader opens a pilot to ask whether
# it worked, and the answer is then on the first screen (issue 26).
st.header("What it did")
st.markdown("**In our words:** " + ui.escape_md(pilot["summary"]))
st.markdown("Source: " + links.source_md(pilot))

st.header(words.DEPARTMENTS_HEADING)
links.table_or_say(
    departments,
    pilots.departments_frame,
    "The sources name no government department working with this pilot.",
)

st.header("Barriers")
st.markdown(ui.escape_md(pilots.barriers_text(barriers)))
if barriers:
    links.table(pilots.barriers_frame(barriers))

st.header("What the sources found")
links.table_or_say(
    ui.records("barrier_findings_about", pilot=pilot_id, programme=None),
    pilots.findings_frame,
    "The sources report no barrier finding about this pilot.",
)

st.header("Funding and other figures")
links.table_or_say(
    ui.records("pilot_money", pilot=pilot_id),
    pilots.money_frame,
    "The sources give no funding figure for this pilot or its place.",
)

st.header("Sources")
links.table(pilots.sources_frame(ui.records("pilot_sources", pilot=pilot_id)))
