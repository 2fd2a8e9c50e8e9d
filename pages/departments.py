"""Departments: who worked with the pilots, under every name they have had.
Opened for one department (?department=), that department comes first and
the all-department chart waits below it (review M7)."""

import streamlit as st

from fivebarriers.views import departments as view
from fivebarriers.views import links as entity_links
from fivebarriers.views import result_pages, result_tables, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("Government departments: who worked with the pilots")
ui.synthetic_banner()

departments = ui.records("department_options")
department_first = "department" in st.query_params


def roles_picker() -> str:
    return ui.url_choice(
        "roles",
        "Count the pilots a department",
        view.ROLE_CHOICES,
        default=view.DEFAULT_ROLES,
        help="Led or partnered by default: a department that only held talks, or is only named in a "
        "pilot's story, did not produce that pilot's results.",
    )


def all_departments(roles_choice: str) -> None:
    st.markdown(
        "A department renamed during the programme is shown as one department over time: DCLG, MHCLG, "
        "DLUHC and MHCLG again are the same department, counted once."
    )
    chart = view.pilots_chart(departments, roles_choice)
    if chart is not None:
        ui.chart_block(chart, key="department_pilots", level=2)
    else:
        st.info("No department is linked to a pilot in these roles.")


def department_picker() -> str:
    return ui.url_choice(
        "department",
        "Department",
        view.options(departments),
        default=view.DEFAULT_DEPARTMENT,
        keep_default=True,
    )


if department_first:
    department_id = department_picker()
    roles_choice = roles_picker()
else:
    roles_choice = roles_picker()
    all_departments(roles_choice)
    st.header("One department in detail")
    department_id = department_picker()
    if "department" in st.query_params:
        st.rerun()  # a department was chosen: it now leads the page
roles = view.ROLES[roles_choice]

department = next(d for d in departments if d["lineage_id"] == department_id)
ui.page_title(department["current_name"])
(st.header if department_first else st.subheader)(ui.escape_md(department["current_name"]))
st.markdown(ui.escape_md(view.roles_text(department).capitalize()) + ".")

st.markdown("**" + ui.escape_md(view.ROLE_CHOICES[roles_choice]) + "**")
links = int(ui.records("department_pilot_count", department=department_id, roles=list(roles))[0]["links"])
hidden = view.hidden_text(department, roles_choice)
if links:
    page = 1
    if links > result_tables.LIST_PAGE_SIZE:
        pages = result_tables.page_count(links)
        page = ui.url_number("pilots_page", "Page of pilots", 1, pages, default=1)
        st.caption(result_tables.page_text(page, links, "pilots"))
    pilots = ui.records(
        "department_pilots_page",
        department=department_id,
        roles=list(roles),
        limit=result_tables.LIST_PAGE_SIZE,
        offset=(page - 1) * result_tables.LIST_PAGE_SIZE,
    )
    entity_links.table(entity_links.linked(view.pilots_frame(pilots), pilots))
else:
    st.info("The sources name no pilot this department worked with in these roles.")
if hidden:
    # The count above covers every role; the table only the chosen ones: say
    # what is left out and offer it (review M7: "3 pilots" over a table of 2).
    st.button(
        ui.escape_md(hidden),  # a button's label is Markdown: the name in it comes from the data
        icon=":material/visibility:",
        on_click=view.show_every_role,
        type="tertiary",
        key="show_every_role",
    )

st.markdown("**Results of those pilots**")
scope = result_tables.goal_scope("department", department_id, roles)
# The pager's total and the chart's counts come from the same scope, in SQL.
total = int(ui.records("scope_goal_counts", **scope)[0]["results"])
results = ui.records(
    "department_results", department=department_id, roles=list(roles), limit=result_tables.RESULTS_PAGE_SIZE
)
short_name = department["current_abbreviation"] or department["current_name"]
result_tables.show_goal_chart(
    scope, f"pilots {short_name} {view.role_verb(roles_choice)}", key="department_goals"
)
if total:
    result_pages.results_list(
        "department_results",
        total,
        {"department": department_id, "roles": list(roles)},
        results,
        extra=view.RESULT_COLUMNS,
    )
else:
    st.info("The sources give no results for the pilots this department worked with in these roles.")

programmes = ui.records("department_programmes", department=department_id)
if programmes:
    st.markdown("**Programmes it led**")
    entity_links.table(entity_links.linked(view.programmes_frame(programmes), programmes))

st.markdown("**Names over time**")
history = ui.records("department_history", department=department_id)
timeline = view.history_chart(history)
if timeline is not None:
    ui.chart_block(timeline, key="names")
ui.table(view.history_frame(history))

if department_first:
    with st.expander("Compare all departments"):
        all_departments(roles_choice)
