"""Compare: two to four places, departments or programmes side by side; the choice is in the URL."""

import streamlit as st

from fivebarriers.views import compare, links, page_run, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("Compare places, departments or programmes side by side")
ui.synthetic_banner()
st.markdown(
    "Pilots, results against their own goals, the barriers they met and the departments that worked "
    "with them. Places ran different pilots with different measures, so this compares counts, "
    "not one place's measure with another's."
)

links.forget_stale_choice("kind", compare.KINDS)
kind = ui.url_choice("kind", "Compare", compare.KINDS, default="place")
if kind == "place":
    options = {r["place_id"]: f"{r['name']} ({r['kind']})" for r in ui.records("place_options")}
elif kind == "department":
    options = {r["lineage_id"]: r["current_name"] for r in ui.records("department_options")}
else:
    options = {r["programme_id"]: r["short_name"] for r in ui.records("programme_options")}

chosen, problem = compare.parse_ids(st.query_params.get("ids"), options, kind)
if problem:
    st.warning(problem)
picked = st.multiselect(
    f"{compare.KINDS[kind]} to compare (two to four)",
    list(options),
    default=chosen,
    format_func=options.get,
    max_selections=compare.MAX_CHOSEN,
    key=f"compare_{kind}",
)
st.query_params["ids"] = ",".join(picked)

if len(picked) < compare.MIN_CHOSEN:
    st.info(f"Choose at least {compare.MIN_CHOSEN} {compare.KINDS[kind].lower()} to compare.")
    page_run.stop()

rows = compare.ordered(ui.records("compare_facts", kind=kind, ids=picked), picked)
st.header(ui.escape_md(compare.headline(rows)))
links.table(compare.side_by_side(rows, kind))  # on a phone, one card per row
st.caption(
    "A place includes everything within it; a department counts under every name it has had. "
    "“Beat it”, as on the Overview: a reported figure above the top of a goal that counts the same "
    "thing; a goal set for another measure is not compared. "
    "Counts come from the results, pilots and links in the data; each pilot's page gives the sources."
)
