"""The house style every chart shares (GUIDE §5), and the cheap way figures
are made.

Figures are written as plain dicts and wrapped with `figure()`, which skips
Plotly's property validation: building the Overview's goal chart through
validated `graph_objects` calls took 200+ ms a rerun (each `add_shape`
re-validates the whole shape list), the same dict wrapped unvalidated takes
about 2 ms. The dicts are checked instead by the tests, which validate every
builder's output with `plotly.graph_objects.Figure(figure.to_dict())`.

Headline and subtitle are not drawn in the figure: the page shows them as
real headings above the Chart / Table / About tabs (views/chart_panel.py).
The source line stays in the figure, so a downloaded PNG or SVG keeps its
provenance; it is wrapped to fit a 390 px phone screen and starts at the
figure's left edge whatever the left margin, so it is never clipped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LILAC = (
    "#12436D",
    "#28A197",
    "#801650",
    "#F46A25",
    "#3D3D3D",
    "#A285D1",
)
CATEGORICAL = (DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LILAC)
SEQUENTIAL = ("#12436D", "#2073BC", "#6BACE6")
# Text #0B0C0C is 19.5:1 on white, axis grey #595959 7:1 (WCAG AA needs 4.5:1).
TEXT, AXIS, GRID = "#0B0C0C", "#595959", "#D9D9D9"
BACKGROUND = "#FFFFFF"
TARGET_BAND = "rgba(244, 106, 37, 0.18)"  # orange, light enough for text on top
# The page's own font first (Streamlit's sans serif is Source Sans), so chart
# text matches the headings above it; Arial where it is missing (SVG export).
FONT = "'Source Sans', 'Source Sans Pro', Arial, Helvetica, sans-serif"
LABEL_SIZE, TICK_SIZE, SOURCE_SIZE = 14, 13, 12
# Characters per line: a label line at 14 px and a source line at 12 px both
# fit the 358 px a chart gets on a 390 px phone.
LABEL_WIDTH, SOURCE_WIDTH = 46, 56
HEADLINE_WIDTH = 85  # kept for callers that still draw a title in the figure
LINE_PX = {LABEL_SIZE: 19, TICK_SIZE: 17, SOURCE_SIZE: 16}


@dataclass
class Chart:
    figure: go.Figure
    headline: str
    subtitle: str
    source: str
    alt_text: str
    table: pd.DataFrame
    # For "About this data": how the chart was made, and the terms it uses.
    method: str = ""
    definitions: tuple[str, ...] = field(default_factory=tuple)
    # Table column -> (kind of entity, its id on each row): the page shows those
    # names as links to their pages ("Pilot" -> ("pilot", ["good-help-hub", ...])).
    links: dict[str, tuple[str, list[Any]]] = field(default_factory=dict)


class PlainFigure(go.Figure):
    """A go.Figure made from plain dicts and never re-validated.

    Callers may still use the go.Figure API (the workshop slides restyle a
    figure with update_layout). Two go.Figure habits are expensive and are
    cut here: `to_dict()` deep-copies every list (st.plotly_chart calls it on
    every rerun: 140 ms for the Places map at 10M outputs), and unpickling
    (st.cache_data) rebuilds the figure through full validation (330 ms for
    the same map). Nothing mutates what `to_dict()` returns on the way to
    JSON, so it hands over the figure's own dicts."""

    def to_dict(self) -> dict[str, Any]:
        frozen = getattr(self, "_frozen", None)
        if frozen is not None:
            return {"data": frozen[0], "layout": frozen[1]}
        return {"data": self._data, "layout": self._layout}

    def __reduce__(self) -> tuple:
        return (_thaw, (self.to_dict(),))


def _thaw(spec: dict[str, Any]) -> PlainFigure:
    """An unpickled figure (st.cache_data): the spec as it was, without the
    deep copy go.Figure's constructor makes of every list (200 ms for the
    Places map at 10M). It is for drawing: it has no traces or layout
    objects, so restyle a figure before caching it, not after. The empty
    template spares the constructor a deep copy of Plotly's default one
    (1.8 ms a figure, on every rerun of a page whose figures are cached)."""
    fig = PlainFigure({"layout": {"template": {}}}, _validate=False)
    fig._frozen = (spec["data"], spec["layout"])
    return fig


def figure(data: Sequence[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain dicts, without Plotly's per-property validation
    (see the module docstring; the tests validate every builder instead)."""
    return PlainFigure({"data": list(data), "layout": layout}, _validate=False)


def escape(text: Any) -> str:
    # Plotly renders a subset of HTML in text; data text must stay text.
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap_lines(text: Any, width: int) -> list[str]:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


def wrap(text: Any, width: int = 34) -> str:
    """Escaped and wrapped onto lines of at most `width` characters (a longer word stays whole)."""
    return "<br>".join(escape(x) for x in wrap_lines(text, width))


def axis(title: str, **extra: Any) -> dict[str, Any]:
    """A value axis: dark grey ticks and title (7:1), no gridlines."""
    return {
        "title": {"text": title, "font": {"size": TICK_SIZE, "color": AXIS}},
        "tickfont": {"size": TICK_SIZE, "color": AXIS},
        "color": AXIS,
        "showgrid": False,
        "zeroline": False,
        "showline": True,
        "linecolor": AXIS,
        "ticks": "outside",
        "tickcolor": AXIS,
        "automargin": False,
        "fixedrange": True,
        **extra,
    }


def below_axis(axis_title: str) -> int:
    """Room under the plot for tick labels and an axis title of this many lines."""
    return 30 + LINE_PX[TICK_SIZE] * (axis_title.count("<br>") + 1) + 8


def source_lines(source: str) -> list[str]:
    return wrap_lines(f"Source: {source}", SOURCE_WIDTH)


def layout(
    plot_height: int,
    source: str,
    *,
    left: int = 8,
    top: int = 12,
    below_plot: int = 58,
    right: int = 16,
    **extra: Any,
) -> dict[str, Any]:
    """Figure layout: fixed margins (so positions are known in pixels), the
    source line under everything, starting at the figure's left edge.

    `below_plot` is the room under the plot for the x axis and its title."""
    lines = source_lines(source)
    source_height = LINE_PX[SOURCE_SIZE] * len(lines)
    return {
        "template": {},  # no default template: every colour is set here, the spec stays small
        "font": {"family": FONT, "color": TEXT, "size": LABEL_SIZE},
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "height": plot_height + top + below_plot + source_height + 12,
        "margin": {"l": left, "r": right, "t": top, "b": below_plot + source_height + 12, "pad": 0},
        "showlegend": False,
        # The mode bar's camera (image download) in axis grey, not Plotly's 30% grey.
        "modebar": {"color": AXIS, "activecolor": TEXT, "bgcolor": "rgba(255, 255, 255, 0.9)"},
        "hoverlabel": {"font": {"family": FONT, "size": LABEL_SIZE}, "bgcolor": "white"},
        "annotations": [source_annotation(lines, left, below_plot)],
        "shapes": [],
        **extra,
    }


def source_annotation(lines: list[str], left: int, below_plot: int) -> dict[str, Any]:
    # Anchored to the plot's bottom-left corner, then shifted left by the
    # margin: it starts at the figure's edge, not after the axis labels.
    return {
        "text": "<br>".join(escape(x) for x in lines),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xshift": -left + 2,
        "yshift": -below_plot,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
        "font": {"size": SOURCE_SIZE, "color": AXIS},
    }


def value_range(values: Sequence[float | None], at_least: float = 0) -> list[float]:
    """From zero to just past the largest value: the axis ends near the data."""
    top = max([float(v) for v in values if v is not None] + [at_least]) or 1.0
    return [0, top * 1.04]
