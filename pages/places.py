"""Places: an offline map of where the pilots ran, and one place in detail."""

import streamlit as st

from fivebarriers import words
from fivebarriers.views import links, map_click, result_pages, result_tables, scroll_top, ui
from fivebarriers.views import places as view
from fivebarriers.views.page_run import through_app

through_app()

st.title("Where the pilots ran, and what happened in each place")
ui.synthetic_banner()


# A click on the map asks for a place; the picker shows it on the run the
# click starts, and choosing another place then works (review M1).
from_map = st.session_state.pop("_place_from_map", None)
if from_map is not None:
    st.session_state["url_place"] = from_map
    st.session_state["_map_clicks"] = st.session_state.get("_map_clicks", 0) + 1
    scroll_top.scroll_to_top(f"{from_map}-{st.session_state['_map_clicks']}", key="places_top")
# Opened for one place (a link, a search result, a map click): that place
# comes first and the national map waits below it (review M3).
place_first = "place" in st.query_params


def national_view(folded: bool) -> None:
    """The UK map (a click opens a place) and the places abroad; inside the
    folded view the places abroad follow the UK map (expanders cannot nest)."""
    # The maps depend on the data only, not on the chosen place: made once per
    # data version and shared by every rerun and session, the same objects each
    # time, so the chart panel's own memos hold too (issue 28).
    uk, wide = ui.derived(view.maps, "place_map")
    clicked = ui.chart_block(uk, key="uk_map", level=2, on_select="rerun")
    # A click on a point opens that place (once per click: the selection stays).
    if map_click.selection_key(clicked) not in (None, st.session_state.get("_map_click")):
        st.session_state["_map_click"] = map_click.selection_key(clicked)
        place_clicked = map_click.clicked_place(clicked, ui.records("place_map"))
        if place_clicked:
            st.session_state["_place_from_map"] = place_clicked
            st.query_params["place"] = place_clicked
            st.rerun()
    if wide is not None and folded:
        ui.chart_block(wide, key="wide_map")
    elif wide is not None:
        with st.expander(ui.escape_md(wide.headline)):
            ui.chart_block(wide, key="wide_map")


if not place_first:
    national_view(folded=False)
    st.header("One place in detail")
place_id = ui.url_choice(
    "place",
    "Place",
    ui.derived(view.options, "place_options"),
    default=view.DEFAULT_PLACE,
    help="A place's view includes everything within it: Liverpool includes Croxteth.",
    keep_default=True,
)
if not place_first and "place" in st.query_params:
    st.rerun()  # a place was chosen: it now leads the page
place = ui.records("place_detail", place=place_id)[0]
ui.page_title(place["name"])
# Each part is drawn as soon as its own queries are done, so a reader who
# chose another place sees its name, then its counts, while the slower lists
# are still being read (issue 28: at 10M the name came after 150 ms of queries).
st.header(ui.escape_md(place["name"]))
hierarchy = ui.records("place_hierarchy", place=place_id)
st.markdown(links.place_trail(hierarchy, place))
children = links.place_children(hierarchy)
if children:
    st.markdown("**Contains:** " + children)
pilots = ui.records("place_pilots", place=place_id)
# The total from the summaries; page 1 of the results (below) is read after the counts.
total = int(ui.records("explorer_count", **result_tables.results_filters(place=place_id))[0]["outputs"])
findings = ui.records("place_barriers", place=place_id)
programmes = ui.records("place_programmes", place=place_id)
st.markdown(ui.escape_md(view.summary_line(place, len(pilots), total, len(findings), hierarchy, programmes)))
results = ui.records("place_results", place=place_id, limit=result_tables.RESULTS_PAGE_SIZE)
# The type of place and its ONS code after the answer, not above it (review C8 41).
for line in view.facts(place):
    st.caption(ui.escape_md(line))

departments = ui.records("place_departments", place=place_id)
# A place the reports describe nothing in gets the one sentence above, not
# four "none" messages repeating it (review C8 43).
if pilots or total or departments or findings:
    st.subheader("Pilots")
    if pilots:
        links.table(links.linked(view.pilots_frame(pilots), pilots))
    else:
        st.info(ui.escape_md(f"The sources describe no pilot in {place['name']} or within it."))

    st.subheader("Results")
    result_tables.show_goal_chart(
        result_tables.goal_scope("place", place_id), f"pilots in {place['name']}", key="place_goals"
    )
    if total:
        result_pages.results_list("place_results", total, {"place": place_id}, results)
    else:
        st.info("The sources give no results for pilots here.")

    st.subheader(words.DEPARTMENTS_HEADING)
    if departments:
        links.table(links.linked(view.departments_frame(departments), departments))
    else:
        st.info("The sources name no government department working with pilots here.")

    st.subheader("Barriers raised here")
    if findings:
        links.table(links.linked(view.barriers_frame(findings), findings))
    else:
        st.info("The sources report no barrier finding for this place.")

figures = ui.records("place_figures", place=place_id)
if figures:
    # Only where the sources give one: most places have none (data audit NI2).
    st.subheader("Figures about the place")
    links.table(links.linked(view.figures_frame(figures), figures))

st.subheader("Programmes")
if programmes:
    links.table(links.linked(view.programmes_frame(programmes), programmes))
else:
    st.info("No programme in the sources names this place, or a place above or within it.")

if place_first:
    with st.expander("See all places on a map"):
        national_view(folded=True)
