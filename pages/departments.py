"""Departments: who worked with the pilots, under every name they have had."""

import streamlit as st

from fivebarriers.views import departments as view
from fivebarriers.views import result_pages, result_tables, ui

st.title("Government departments: who worked with the pilots")
ui.synthetic_banner()
st.markdown(
    "A department renamed during the programme is shown as one department over time: DCLG, MHCLG, "
    "DLUHC and MHCLG again are the same department, counted once."
)

departments = ui.records("department_options")
ui.chart_block(view.pilots_chart(departments), key="department_pilots", level=2)

st.header("One department in detail")
department_id = ui.url_choice(
    "department", "Department", view.options(departments), default=view.DEFAULT_DEPARTMENT
)
department = next(d for d in departments if d["lineage_id"] == department_id)
st.subheader(department["current_name"])
st.markdown(ui.escape_md(view.roles_text(department).capitalize()) + ".")

st.markdown("**Names over time**")
history = ui.records("department_history", department=department_id)
timeline = view.history_chart(history)
if timeline is not None:
    ui.chart_block(timeline, key="names")
ui.table(view.history_frame(history))

programmes = ui.records("department_programmes", department=department_id)
if programmes:
    st.markdown("**Programmes it led**")
    ui.table(view.programmes_frame(programmes))

st.markdown("**Pilots it led, partnered or engaged with**")
links = int(ui.records("department_pilot_count", department=department_id)[0]["links"])
if links:
    page = 1
    if links > result_tables.LIST_PAGE_SIZE:
        pages = result_tables.page_count(links)
        page = ui.url_number("pilots_page", "Page of pilots", 1, pages, default=1)
        st.caption(result_tables.page_text(page, links, "pilots"))
    pilots = ui.records(
        "department_pilots_page",
        department=department_id,
        limit=result_tables.LIST_PAGE_SIZE,
        offset=(page - 1) * result_tables.LIST_PAGE_SIZE,
    )
    ui.table(view.pilots_frame(pilots))
else:
    st.info("The sources name no pilot this department worked with.")

st.markdown("**Results of those pilots**")
# Page 1 of the results (the goal chart always reads it); the total from the summaries.
total = int(
    ui.records("explorer_count", **result_tables.results_filters(department=department_id))[0]["outputs"]
)
results = ui.records("department_results", department=department_id, limit=result_tables.RESULTS_PAGE_SIZE)
if result_tables.with_goal(results):
    ui.chart_block(
        result_tables.goal_chart(results, f"pilots {department['current_abbreviation'] or ''} worked with"),
        key="department_goals",
    )
if total:
    result_pages.results_list("department_results", total, {"department": department_id}, results)
else:
    st.info("No results are recorded for the pilots this department worked with.")
