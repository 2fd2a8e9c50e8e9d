"""Results explorer: every output, filtered with facets, led by the answer, pivoted and downloadable."""

import streamlit as st

from fivebarriers.reflected import shorten
from fivebarriers.views import explorer, facets, links, pilot_finder, pilots, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("Results explorer: every result, filtered and counted")
ui.synthetic_banner()
st.markdown(
    "Filter by any mix of barrier, place, department and its role, programme, pilot, result or forecast, "
    "whether a figure was published, and strength of evidence. Several values of one filter widen the "
    "choice; the number beside each value counts the results that match. The link in your browser keeps "
    "the view, so you can paste it into an email."
)

options = explorer.filter_options(ui.records("explorer_options"))
options["pilot"] = ui.derived(pilots.options, "pilot_options")
labels = {**explorer.FACETS, "pilot": "Pilot"}

# Shown top to bottom in these areas, but filled in the order the data needs:
# the choices as they stand, then one query for every count, then the widgets.
filter_area, answer_area, pivot_area = st.container(), st.container(), st.container()
with pivot_area:
    st.header("Pivot")
    left, right = st.columns(2)
    with left:
        rows = ui.url_choice("rows", "Rows", explorer.DIMENSIONS, default=explorer.DEFAULT_ROWS)
    with right:
        cols = ui.url_choice(
            "columns", "Columns", explorer.column_options(rows), default=explorer.DEFAULT_COLUMNS
        )
with filter_area:
    chosen = {key: facets.current(key, options[key], label) for key, label in labels.items()}
    text = facets.current_text("text")
counts = explorer.split_counts(
    ui.records("explorer_counts", rows=rows, columns=cols, **explorer.query_params(chosen, text))
)

with filter_area:
    columns = st.columns(3)
    for i, (key, label) in enumerate(explorer.FACETS.items()):
        with columns[i % 3]:
            facets.url_multi(
                key, label, options[key], chosen[key], counts.facets.get(key, {}), explorer.HELP.get(key)
            )
    left, right = st.columns(2)
    with left:
        pilot_finder.several("pilot", "Pilot", options["pilot"], chosen["pilot"], help=explorer.HELP["pilot"])
    with right:
        facets.url_text(
            "text", "Words in the pilot, place, programme or measure", text, explorer.HELP["text"]
        )
    st.subheader(explorer.count_headline(counts.total))
    note = explorer.filters_text(chosen, text, options)
    st.caption("Filters: " + ui.escape_md(note))

outputs = int(counts.total["outputs"])
row_params = {
    "pilot_ids": counts.pilots,
    "kinds": chosen["kind"] or None,
    "statuses": chosen["status"] or None,
    "strengths": chosen["strength"] or None,
}
with answer_area:
    st.header("The results")
    page = 1
    if explorer.page_count(outputs) > 1:
        page = ui.url_number("page", "Page", 1, explorer.page_count(outputs), default=1)
        st.caption(explorer.page_text(page, outputs))
    elif st.query_params.get("page") not in (None, "1"):
        st.warning(
            ui.escape_md(
                f"The link asks for page “{shorten(st.query_params['page'])}”, "
                "but these results fit on one page."
            )
        )
        del st.query_params["page"]
    # The frame is made once per page of rows and data version, not on every rerun
    # (50 rows of sentences and links: 20-140 ms at 10M on this machine).
    page_frame = ui.derived(
        explorer.outputs_frame,
        "explorer_rows",
        limit=explorer.PAGE_SIZE,
        offset=(page - 1) * explorer.PAGE_SIZE,
        **row_params,
    )
    if len(page_frame):
        links.table(page_frame)
    if outputs:
        handle = ui.database()
        bounded = min(outputs, explorer.EXPORT_LIMIT)

        def matching_outputs():
            # Runs only when a download is clicked; at most EXPORT_LIMIT rows.
            found = handle.query("explorer_rows", limit=explorer.EXPORT_LIMIT, offset=0, **row_params).dicts()
            return explorer.outputs_frame(found, with_links=False)

        ui.download_buttons(matching_outputs, "results", key="outputs", label=f"these {bounded:,} results")
        if outputs > explorer.EXPORT_LIMIT:
            st.caption(
                f"Downloads hold the first {explorer.EXPORT_LIMIT:,} results by id; "
                "narrow the filters for the rest."
            )
        st.caption(
            "Cells that start with = + - or @ are prefixed with ' so a spreadsheet shows them as text."
        )

with pivot_area:
    if counts.cells:
        cells = explorer.label_cells(counts.cells, rows, cols, options)
        ui.chart_block(explorer.pivot_chart(cells, rows, cols, note), key="pivot", download_name="pivot")
    else:
        st.info("No result matches these filters, so there is nothing to count.")
