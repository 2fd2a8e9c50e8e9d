"""The Explorer's grid of counts (charts/grid.py) drawn in HTML before
Plotly arrives: the same rows and columns, each cell's number written in
it and its shade worked out as Plotly's colour scale does (the lowest
count lightest, the highest darkest), row names to the left and column
names above, at the figure's own margins and row height."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fivebarriers.charts import style
from fivebarriers.charts.preview_html import box, figure, margins, number, paper_notes, text

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
_LINE = style.LINE_PX[style.TICK_SIZE]


def grid_html(spec: Mapping[str, Any]) -> str | None:
    """A one-trace heatmap as HTML, or None when `spec` is not one."""
    traces = list(spec.get("data") or [])
    if len(traces) != 1 or traces[0].get("type") != "heatmap":
        return None
    trace = traces[0]
    z = [list(row) for row in trace.get("z") or []]
    scale = _scale(trace.get("colorscale"))
    if not z or scale is None or any(len(row) != len(z[0]) for row in z):
        return None
    rows, columns = len(z), len(z[0])
    labels = _labels(trace.get("y"), rows)
    headings = _labels(trace.get("x"), columns)
    texts = trace.get("text") or [[""] * columns for _ in range(rows)]
    layout = spec.get("layout") or {}
    if (layout.get("yaxis") or {}).get("autorange") != "reversed":
        z, labels, texts = z[::-1], labels[::-1], list(texts)[::-1]  # Plotly draws row 0 at the bottom
    gaps = (float(trace.get("ygap", 0)) / 2, float(trace.get("xgap", 0)) / 2)
    cells = _cells(z, texts, scale, gaps)
    left, right, top, plot_height = margins(layout)
    font = f"font-size:{style.TICK_SIZE}px;line-height:{_LINE}px;color:{style.TEXT};"
    # Plotly's tick marks: 5 px in the axis grey between each name and the grid.
    tick = f"1px solid {style.AXIS}"
    across = f'<span style="display:inline-block;width:5px;margin-left:3px;border-top:{tick}"></span>'
    down = f'<span style="display:block;height:5px;margin:3px auto 0;width:0;border-left:{tick}"></span>'
    row_names = "".join(
        '<div style="display:flex;align-items:center;justify-content:flex-end;text-align:right;">'
        f"<span>{name}</span>{across}</div>"
        for name in labels
    )
    column_names = "".join(
        '<div style="display:flex;flex-direction:column;justify-content:flex-end;text-align:center;">'
        f"<span>{name}</span>{down}</div>"
        for name in headings
    )
    parts = [
        box(
            f"left:0;width:{max(left - 2, 0)}px;top:{top}px;height:{plot_height:.1f}px;{font}"
            f"display:grid;grid-template-rows:repeat({rows},1fr);",
            row_names,
        ),
        box(
            f"left:{left}px;right:{right}px;top:0;height:{max(top - 2, 0)}px;{font}"
            f"display:grid;grid-template-columns:repeat({columns},1fr);",
            column_names,
        ),
        box(
            f"left:{left}px;right:{right}px;top:{top}px;height:{plot_height:.1f}px;{font}display:grid;"
            f"grid-template-columns:repeat({columns},1fr);grid-template-rows:repeat({rows},1fr);",
            cells,
        ),
        *paper_notes(layout, left, top + plot_height),
    ]
    # The column names fill the top edge: the waiting line goes under the grid, beside the source.
    return figure(layout, parts, waiting_at=top + plot_height + 4)


def _cells(z: list[list[Any]], texts: Any, scale: list, gaps: tuple[float, float]) -> str:
    """Each cell in reading order, with its own text and its shade: the lowest
    count at the scale's start, the highest at its end, as Plotly's zauto."""
    numbers = [float(v) for row in z for v in row if number(v)]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 0.0)
    out = []
    for r, row in enumerate(z):
        for c, value in enumerate(row):
            shade = "transparent"  # no count: no shade, as Plotly leaves it
            if number(value):
                shade = _shade(scale, 0.5 if high == low else (float(value) - low) / (high - low))
            written = text(texts[r][c]) if r < len(texts) and c < len(texts[r]) else ""
            out.append(
                f'<div style="margin:{gaps[0]:g}px {gaps[1]:g}px;background:{shade};display:flex;'
                f'align-items:center;justify-content:center;text-align:center;">{written}</div>'
            )
    return "".join(out)


def _labels(values: Any, count: int) -> list[str]:
    given = list(values or [])
    return [text(given[i]) if i < len(given) else "" for i in range(count)]


def _scale(colorscale: Any) -> list[tuple[float, tuple[int, int, int]]] | None:
    """[[0, "#FFFFFF"], [1, "#6BACE6"]] as stops of (position, rgb), or None."""
    if not isinstance(colorscale, Sequence) or isinstance(colorscale, str) or len(colorscale) < 2:
        return None
    stops = []
    for stop in colorscale:
        if not isinstance(stop, Sequence) or len(stop) != 2 or not number(stop[0]):
            return None
        match = _HEX.match(str(stop[1]))
        if match is None:
            return None
        value = int(match.group(1), 16)
        stops.append((float(stop[0]), (value >> 16, (value >> 8) & 255, value & 255)))
    return sorted(stops)


def _shade(stops: list[tuple[float, tuple[int, int, int]]], at: float) -> str:
    at = min(max(at, 0.0), 1.0)
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if at <= p1:
            share = 0.0 if p1 == p0 else max((at - p0) / (p1 - p0), 0.0)
            return _hex(round(a + (b - a) * share) for a, b in zip(c0, c1, strict=True))
    return _hex(stops[-1][1])


def _hex(rgb: Iterable[int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)
