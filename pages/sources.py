"""Sources & method: the documents, what we took from each, the data
dictionary (generated from the database), known limitations, build facts."""

import streamlit as st

from fivebarriers import words
from fivebarriers.reflected import shorten
from fivebarriers.views import sources as view
from fivebarriers.views import ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("Sources and method: where every figure comes from")
ui.synthetic_banner()
st.markdown(
    "Every row in the database names the document it comes from and the section within it. "
    "Summaries are in our own words; figures keep the source's qualifiers (over, about, at least)."
)

st.header("Source documents")
sources = ui.records("sources_list")
citations = ui.records("source_citations")
sections = ui.records("source_sections_list")
# A source link (?source=id, fivebarriers.views.links) puts that source first.
linked_source = st.query_params.get("source")
if linked_source and not any(s["source_id"] == linked_source for s in sources):
    st.warning(
        ui.escape_md(
            f"The link asks for source “{shorten(linked_source)}”, which is not in the data. "
            "Showing every source."
        )
    )
sources = sorted(sources, key=lambda s: s["source_id"] != linked_source)
for source in sources:
    with st.container(border=True):
        st.markdown(f"**{ui.escape_md(view.source_heading(source))}**")
        for line in view.source_facts(source):
            st.caption(ui.escape_md(line))
        st.markdown("What we took from it: " + ui.escape_md(source["used_for"]))
        st.caption(ui.escape_md(view.citations_text(citations, source["source_id"])))
        url = view.safe_url(source)
        if url:
            st.link_button("Open the document", url, icon=":material/open_in_new:")
        contents = view.sections_frame(sections, source["source_id"])
        if len(contents):
            with st.expander(f"Sections a locator may name ({len(contents)})"):
                ui.table(contents)
st.markdown("**Rows citing each source, by table**")
st.dataframe(view.citations_frame(citations, sources), hide_index=True, width="stretch")

st.header("Known limitations")
counts = ui.records("limitation_counts")[0]
documents = sum(1 for s in sources if s["kind"] != "reference")
for line in view.limitations(counts, ui.records("programme_coverage"), documents):
    st.markdown("- " + ui.escape_md(line))

st.header("Words it uses")
# One line a word, from fivebarriers/words.py: the same words on every page, chart and slide.
st.markdown("\n".join("- " + ui.escape_md(line) for line in words.glossary_lines()))

st.header("Data dictionary")
st.caption(
    "Generated from the database catalogue (duckdb_tables and duckdb_columns); the descriptions live in "
    "fivebarriers/comments.sql beside the schema."
)
for name, kind, description, frame in ui.derived(view.dictionary_tables, "data_dictionary"):
    with st.expander(ui.escape_md(f"{name} ({kind}): {description}")):
        ui.table(frame)

st.header("When the data was built")
handle = ui.database()
for label, value in view.build_facts(ui.records("build_info"), handle.modified()):
    st.markdown(f"**{ui.escape_md(label)}:** {ui.escape_md(value)}")
