"""Results explorer: every output, filtered, pivoted, paged and downloadable."""

import streamlit as st

from fivebarriers.views import explorer, ui

st.title("Results explorer: every output, filtered and counted")
ui.synthetic_banner()
st.markdown(
    "Filter the outputs by any mix of barrier, place, department, programme, kind and status; "
    "the link in your browser keeps the view, so you can paste it into an email."
)

options = explorer.filter_options(ui.records("explorer_options"))
filters: dict[str, str | None] = {}
columns = st.columns(3)
for i, dimension in enumerate(explorer.DIMENSIONS):
    with columns[i % 3]:
        filters[dimension] = ui.url_choice(
            dimension,
            explorer.DIMENSIONS[dimension],
            options[dimension],
            all_label=explorer.ALL_LABELS[dimension],
            help=explorer.HELP.get(dimension),
        )

counts = ui.records("explorer_count", **filters)[0]
st.subheader(explorer.count_headline(counts))
st.caption("Filters: " + ui.escape_md(explorer.filters_text(filters, options)))

st.header("Pivot")
left, right = st.columns(2)
with left:
    rows = ui.url_choice("rows", "Rows", explorer.DIMENSIONS, default=explorer.DEFAULT_ROWS)
with right:
    cols = ui.url_choice(
        "columns", "Columns", explorer.column_options(rows), default=explorer.DEFAULT_COLUMNS
    )
cells = ui.records("explorer_pivot", rows=rows, columns=cols, limit=explorer.PIVOT_LIMIT, **filters)
if cells:
    note = explorer.filters_text(filters, options)
    ui.chart_block(explorer.pivot_chart(cells, rows, cols, note), key="pivot", download_name="pivot")
else:
    st.info("No output matches these filters, so there is nothing to count.")

st.header("The outputs")
outputs = int(counts["outputs"])
page = ui.url_number("page", "Page", 1, explorer.page_count(outputs), default=1)
st.caption(explorer.page_text(page, outputs))
page_rows = ui.records(
    "explorer_rows", limit=explorer.PAGE_SIZE, offset=(page - 1) * explorer.PAGE_SIZE, **filters
)
if page_rows:
    st.dataframe(explorer.outputs_frame(page_rows), hide_index=True, width="stretch")

if outputs:
    handle = ui.database()
    bounded = min(outputs, explorer.EXPORT_LIMIT)

    def matching_outputs():
        # Runs only when a download is clicked; at most EXPORT_LIMIT rows.
        found = handle.query("explorer_rows", limit=explorer.EXPORT_LIMIT, offset=0, **filters).dicts()
        return explorer.outputs_frame(found)

    ui.download_buttons(matching_outputs, "outputs", key="outputs", label=f"these {bounded:,} outputs")
    if outputs > explorer.EXPORT_LIMIT:
        st.caption(
            f"Downloads hold the first {explorer.EXPORT_LIMIT:,} outputs by id; narrow the filters "
            "for the rest."
        )
    st.caption("Cells that start with = + - or @ are prefixed with ' so a spreadsheet shows them as text.")
