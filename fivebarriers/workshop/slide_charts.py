"""Slide charts for the Present page: the storyboard's case-study chart drawn
with charts.horizontal_bars, then restyled for a projector (type big enough
for the back of a room, expected and upper-range bars hatched as well as
coloured). charts.py is shared and owned elsewhere; projector sizing lives here."""

from __future__ import annotations

import textwrap
from html import escape

import pandas as pd

from fivebarriers.charts import charts
from fivebarriers.workshop.storyboard import SlideChart

# Pixel sizes on a 1920×1080 projector; Plotly scales nothing, so these are what the room sees.
HEADLINE_PX, SUBTITLE_PX, TICK_PX, LABEL_PX, SOURCE_PX = 28, 20, 22, 24, 16

ROLE_COLOUR = {
    "achieved": charts.DARK_BLUE,
    "expected": charts.TURQUOISE,
    "goal": charts.ORANGE,
    "goal low": charts.ORANGE,
    "goal high": charts.ORANGE,
    "invested": charts.DARK_GREY,
    "not reported": charts.DARK_GREY,
}
# Colour is never the only signal: expected results and the top of a range are hatched.
ROLE_PATTERN = {"expected": "/", "goal high": "/"}


def _lines(text: str, width: int) -> str:
    # Plotly renders a little HTML in titles and labels: data text is escaped first.
    return "<br>".join(escape(line, quote=False) for line in textwrap.wrap(text, width)) if text else ""


def slide_chart(chart: SlideChart) -> charts.Chart:
    """A projector-sized Plotly chart, with its text alternative and table."""
    table = pd.DataFrame(chart.table())
    built = charts.horizontal_bars(
        chart.categories,
        # "not reported" has no bar: plotly gets 0 only so the written label has a place to sit.
        [0 if v is None else v for v in chart.values],
        chart.labels,
        chart.headline,
        chart.subtitle,
        chart.source.removeprefix("Source: "),
        axis_title="",
        colors=[ROLE_COLOUR.get(b.role, charts.DARK_BLUE) for b in chart.bars],
        table=table,
    )
    fig = built.figure
    fig.update_traces(
        marker_pattern_shape=[ROLE_PATTERN.get(b.role, "") for b in chart.bars],
        marker_pattern_fgcolor="white",
        textfont={"size": LABEL_PX, "color": charts.TEXT},
        y=[_lines(c, 22) for c in chart.categories],
        text=[_lines(t, 13) for t in chart.labels],
    )
    top = max([v for v in chart.values if v is not None] or [1])
    fig.update_xaxes(range=[0, top * 2.3], showticklabels=False, title=None, zeroline=True, zerolinewidth=2)
    fig.update_yaxes(tickfont={"size": TICK_PX, "color": charts.TEXT})
    headline = textwrap.wrap(chart.headline, 36)
    subtitle = textwrap.wrap(chart.subtitle, 48)
    # Plotly does not measure multi-line titles, so the top margin is counted here.
    top_margin = int(len(headline) * HEADLINE_PX * 1.3 + len(subtitle) * SUBTITLE_PX * 1.35 + 30)
    height = top_margin + 80 * len(chart.bars) + 110
    fig.update_layout(
        title={
            "text": "<br>".join(f"<b>{escape(line, quote=False)}</b>" for line in headline),
            "font": {"size": HEADLINE_PX},
            "subtitle": {
                "text": _lines(chart.subtitle, 48),
                "font": {"size": SUBTITLE_PX, "color": charts.AXIS},
            },
            "yref": "container",
            # Plotly anchors a <br> title by its first line: move down by the extra lines.
            "y": 1 - (10 + (len(headline) - 1) * HEADLINE_PX * 1.25) / height,
            "yanchor": "top",
        },
        font={"size": TICK_PX},
        height=height,
        margin={"l": 10, "r": 20, "t": top_margin, "b": 80},
        bargap=0.3,
    )
    # The source sits under the plot, wrapped to the chart's width.
    fig.update_annotations(font={"size": SOURCE_PX}, yshift=-75, xref="paper", x=0)
    fig.layout.annotations[-1].text = _lines(f"Source: {chart.source.removeprefix('Source: ')}", 70)
    return charts.Chart(fig, chart.headline, chart.subtitle, chart.source, chart.alt_text, table)
