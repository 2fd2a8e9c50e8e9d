"""Search: one box over pilots, places, departments, programmes, results,
barrier findings, recommendations and sources; hits grouped by kind."""

import streamlit as st

from fivebarriers.views import search, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("Search everything in the data")
ui.synthetic_banner()
raw = st.query_params.get("q", "")
query = st.text_input(
    "Search for a pilot, place, department, programme, result, finding or source",
    value=search.clean_query(raw),
    placeholder="for example: good help, Croxteth, DLUHC",
    help="Names match from their start (“east sus”) and despite a wrong letter (“Croxeth”); "
    "a department matches under every name it has had.",
)
query = search.clean_query(query)
if query:
    st.query_params["q"] = query
elif "q" in st.query_params:
    del st.query_params["q"]
if len(raw) > search.MAX_QUERY:
    st.caption(f"Only the first {search.MAX_QUERY} characters are searched.")

show_all = st.query_params.get("all") == "1"
if query:
    rows = ui.records("search_hits", q=query, per_kind=search.PER_KIND_ALL if show_all else search.PER_KIND)
    st.markdown(ui.escape_md(search.summary(query, rows)))
    no_exact = search.no_exact_text(query, rows)
    if no_exact:
        st.markdown("**" + ui.escape_md(no_exact) + "**")
    found = search.groups(rows)
    for group in found:
        st.subheader(search.group_heading(group))
        for hit in group.hits:
            st.page_link(hit.page, label=hit.label, query_params=hit.params, icon=":material/arrow_forward:")
            if hit.detail:
                st.caption(hit.detail)
    if not show_all and search.has_more(found):
        st.page_link(
            "pages/search.py",
            label=f"Show up to {search.PER_KIND_ALL} of each kind",
            query_params={"q": query, "all": "1"},
            icon=":material/expand_more:",
        )
    if not rows:
        st.info(
            "Check the spelling, use fewer words, or try the start of a name. "
            "You can also browse the pilots, places or departments from the menu.",
            icon=":material/search_off:",
        )
else:
    st.markdown("Type a name or a few words and press Enter. Some searches to try:")

if not query or not rows:
    for example in search.EXAMPLES:
        st.page_link("pages/search.py", label=example, query_params={"q": example}, icon=":material/search:")
