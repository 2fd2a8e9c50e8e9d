"""How every chart is shown: its headline and subtitle as real headings,
then Chart / Table / About this data tabs (GOV.UK and UKHSA dashboards).

* The tabs are bound to the URL (`?KEY_tab=Table`), and the headline is an
  anchor (`#chart-KEY`), so a link keeps both the chart and its tab. The
  panel is a fragment: switching tabs reruns this chart alone, not the page.
* The Plotly mode bar offers Plotly's own image export, offline, in the
  format chosen beside it (PNG or SVG); the file is named after the headline.
* Until the browser has loaded Plotly and drawn the chart, the same chart
  drawn in plain HTML and SVG stands in its place (charts/preview.py: bars,
  maps, grids and timelines), or, for a figure of a kind it cannot draw, a
  line of text says what is coming instead of a blank grey box.
* "About this data" gives the method, the definitions the chart relies on
  (goal, not reported, expected), the source, when the data last changed and
  the chart's permanent link."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from fivebarriers.charts import preview
from fivebarriers.charts.charts import Chart
from fivebarriers.views import export, links
from fivebarriers.views.map_click import selection_key
from fivebarriers.views.memo import Memo

TABS = ("Chart", "Table", "About this data")
IMAGE_FORMATS = ("PNG", "SVG")
PLACEHOLDER = "Drawing the chart…"
# The placeholder sits over the empty chart box and goes once Plotly has drawn
# into it (:has), so nothing moves when the chart appears.
_CSS = (
    """<style>
div[class*="st-key-chartbox_"] { position: relative; }
div[class*="st-key-chartwait_"] { position: absolute; top: 1rem; left: 1rem; z-index: 1; }
div[class*="st-key-chartwait_"]:has(.fb-chart-preview) { left: 0; right: 0; }
div[class*="st-key-chartbox_"]:has(.main-svg) div[class*="st-key-chartwait_"] { display: none; }
"""
    + preview.CSS
    + "</style>"
)


# A chart's text description, escaped once per text: the Places map's names
# 1,800 places, and escaping it took 7-20 ms of every rerun at 10M outputs.
# Keyed by the text itself, so two charts never share an entry; the map is
# made once per data version (ui.derived), so its text is the same object on
# every rerun and the look-up costs no comparison of its characters.
_ESCAPED = Memo(limit=256)


def _escaped(escape: Escape, text: str) -> str:
    return _ESCAPED.get((escape, text), lambda: escape(text))


def plotly_config(file_name: str, image_format: str) -> dict:
    return {
        "displayModeBar": True,
        "displaylogo": False,
        "responsive": True,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": image_format.lower(), "filename": file_name, "scale": 2},
    }


def slug(text: str, limit: int = 60) -> str:
    """'Good Help Hub went furthest…' -> 'good-help-hub-went-furthest'."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-") or "chart"


def anchor(key: str) -> str:
    return "chart-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def tab_key(key: str) -> str:
    return f"{key}_tab"


def permalink(key: str, tab: str = TABS[0]) -> str:
    """This page's address with its filters, the chart's tab and its anchor."""
    try:
        base = (st.context.url or "").split("?")[0].split("#")[0]
    except Exception:  # no browser session (AppTest, bare mode)
        base = ""
    params = {k: v for k, v in st.query_params.to_dict().items() if k != tab_key(key)}
    if tab != TABS[0]:
        params[tab_key(key)] = tab
    query = f"?{urlencode(params)}" if params else ""
    return f"{base}{query}#{anchor(key)}"


Escape = Callable[[Any], str]


def chart_block(
    chart: Chart,
    key: str,
    escape: Escape,
    data_changed: str,
    download_name: str | None = None,
    level: int = 3,
    on_select: str = "ignore",
) -> Any:
    """Headline (a level-`level` heading), subtitle, then the tabs. `escape`
    is ui.escape_md (every text from the data is shown as text);
    `data_changed` is the day the data last changed, for "About this data"."""
    heading = st.header if level == 2 else st.subheader
    heading(escape(chart.headline), anchor=anchor(key))
    if chart.subtitle:
        st.markdown(escape(chart.subtitle))
    st.html(_CSS)
    return _panel(chart, key, download_name or slug(chart.headline), escape, data_changed, on_select)


@st.fragment
def _panel(chart: Chart, key: str, file_name: str, escape: Escape, data_changed: str, on_select: str) -> Any:
    # Every tab is drawn, not only the open one: the table is the chart's text
    # alternative and must be in the page for screen readers, print and tests.
    # The tabs are bound to the URL, so switching reruns this fragment alone.
    tab_chart, tab_table, tab_about = st.tabs(list(TABS), key=tab_key(key), bind="query-params")
    with tab_chart:
        box = st.container(key=f"chartbox_{key}")
        image_format = st.segmented_control(
            "Download the chart: PNG or SVG",
            IMAGE_FORMATS,
            default=IMAGE_FORMATS[0],
            key=f"{key}_image",
        )
        with box:
            drawn = _drawn_ahead(chart)
            with st.container(key=f"chartwait_{key}"):
                if drawn:
                    # Markdown, not st.html: Streamlit loads st.html's code lazily, in
                    # the same wait as Plotly's, and the stand-in then came with the
                    # chart it stands in for (4.1 s against 2.1-2.5 s). Every text in
                    # it is escaped (charts/preview.py; tests/test_chart_preview.py).
                    st.markdown(drawn, unsafe_allow_html=True)
                else:
                    st.caption(PLACEHOLDER)
            event = st.plotly_chart(
                chart.figure,
                width="stretch",
                theme=None,
                config=plotly_config(file_name, image_format or IMAGE_FORMATS[0]),
                key=f"chart_{key}",
                alt=chart.headline,
                on_select=on_select,
                selection_mode="points",
            )
        if on_select != "ignore":
            _hand_click_to_page(key, event)
        st.caption("Text description: " + _escaped(escape, chart.alt_text))
    with tab_table:
        links.dataframe(_linked_table(chart), hide_index=True, width="stretch")
        table = chart.table
        st.download_button(
            "Download this table (CSV)",
            data=lambda: export.csv_bytes(table),
            file_name=f"{file_name}.csv",
            mime="text/csv",
            key=f"download_{key}",
            on_click="ignore",
        )
    with tab_about:
        about(chart, key, escape, data_changed)
    return event


def _drawn_ahead(chart: Chart) -> str | None:
    """The chart's HTML stand-in, made once per figure: the Places map is made
    once per data version (ui.derived) and its 1,800 points at 10M outputs
    would otherwise be written out again on every rerun."""
    figure = chart.figure
    made = getattr(figure, "_fb_drawn_ahead", None)
    if made is None:
        made = (preview.chart_html(figure.to_dict()),)
        figure._fb_drawn_ahead = made
    return made[0]


def _hand_click_to_page(key: str, event: Any) -> None:
    """The panel is a fragment, so a click on its chart reruns only the panel;
    the page acts on the click (the Places map opens the place), so a new click
    reruns the whole page once. Switching tabs still reruns the panel alone."""
    clicked = selection_key(event)
    seen = f"_chart_click_{key}"
    if clicked is not None and st.session_state.get(seen) != clicked:
        st.session_state[seen] = clicked
        st.rerun(scope="app")


def _linked_table(chart: Chart) -> pd.DataFrame:
    # Remembered: the Places map's table links 1,800 names on every rerun otherwise.
    kind = ("linked", *((c, k, tuple(ids)) for c, (k, ids) in chart.links.items()))
    return links.by_content(kind, chart.table, lambda: linked_table(chart))


def linked_table(chart: Chart) -> pd.DataFrame:
    """The chart's table with each name the chart knows the id of as a link
    to its page (the download keeps the plain names)."""
    if not chart.links:
        return chart.table
    out = chart.table.copy()
    for column, (kind, ids) in chart.links.items():
        if column in out.columns and len(ids) == len(out):
            out[column] = [links.md(kind, i, name) for i, name in zip(ids, out[column], strict=True)]
    return out


def about(chart: Chart, key: str, escape: Escape, data_changed: str) -> None:
    st.markdown("**What it shows:** " + escape(chart.headline) + ". " + escape(chart.subtitle))
    if chart.method:
        st.markdown("**How it was made:** " + escape(chart.method))
    if chart.definitions:
        st.markdown("**Words it uses**")
        st.markdown("\n".join("- " + escape(d) for d in chart.definitions))
    st.markdown("**Source:** " + escape(chart.source))
    st.markdown("**Data last changed:** " + escape(data_changed))
    st.markdown("**Link to this chart** (keeps the filters chosen above):")
    # Plain text, not st.code: st.code pulls in a 1.5 MiB syntax highlighter
    # on every page with a chart (bench/results.md, largest files).
    st.text(permalink(key))
