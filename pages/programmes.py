"""A programme's page: what it was, when, who funded and led it, its places
and pilots, results against goals, findings and money (/programmes?programme=pfpp)."""

import streamlit as st

from fivebarriers import words
from fivebarriers.views import links, result_tables, ui
from fivebarriers.views import programmes as view
from fivebarriers.views.page_run import through_app

through_app()

options = ui.derived(view.options, "programme_options")
default = "pfpp" if "pfpp" in options else next(iter(options))
links.forget_stale_choice("programme", options)
programme_id = ui.url_choice("programme", "Programme", options, default=default, always=True)
programme = ui.records("programme_detail", programme=programme_id)[0]
ui.page_title(programme["name"])

st.title(ui.escape_md(programme["name"]))
ui.synthetic_banner()
lead = programme.get("lead_lineage_id")
lead_history = ui.records("department_history", department=lead) if isinstance(lead, str) else []
st.markdown(view.facts_line(programme, lead_history))
st.markdown("**What it was (in our words):** " + ui.escape_md(programme["summary"]))
st.markdown("Source: " + links.source_md(programme))

total_pilots = int(programme["pilots"])
st.header("Pilots and case studies")
if total_pilots:
    page = 1
    size = result_tables.LIST_PAGE_SIZE
    if total_pilots > size:
        pages = result_tables.page_count(total_pilots, size)
        page = ui.url_number("pilots_page", "Page of pilots", 1, pages, default=1)
        st.caption(result_tables.page_text(page, total_pilots, "pilots", size))
    rows = ui.records("programme_pilots_list", programme=programme_id, limit=size, offset=(page - 1) * size)
    links.table(view.pilots_frame(rows))
else:
    st.info("The sources describe no pilot or case study in this programme.")

st.header("Did pilots meet their goals?")
results = ui.records("programme_results", programme=programme_id, limit=result_tables.RESULTS_PAGE_SIZE)
total = int(
    ui.records("explorer_count", **result_tables.results_filters(programme=programme_id))[0]["outputs"]
)
result_tables.show_goal_chart(
    result_tables.goal_scope("programme", programme_id), str(programme["short_name"]), key="programme_goals"
)
if results:
    links.table(view.results_frame(results))
    if total > len(results):
        st.page_link(
            "pages/explorer.py",
            label=f"All {total:,} results of this programme in the Results explorer",
            query_params={"programme": programme_id},
            icon=":material/table_chart:",
        )
else:
    st.info("The sources give no results for this programme's pilots.")

st.header("Places")
links.table_or_say(
    ui.records("programme_places_list", programme=programme_id),
    view.places_frame,
    "The sources name no place for this programme.",
)

st.header(words.DEPARTMENTS_HEADING)
links.table_or_say(
    ui.records("programme_departments_list", programme=programme_id),
    view.departments_frame,
    "The sources name no department working with this programme's pilots.",
)

st.header("What the sources found about the barriers")
links.table_or_say(
    ui.records("barrier_findings_about", pilot=None, programme=programme_id),
    view.findings_frame,
    "The sources report no barrier finding for this programme.",
)

st.header("Funding")
links.table_or_say(
    ui.records("programme_funding", programme=programme_id),
    view.funding_frame,
    "The sources give no funding figure for this programme.",
)
