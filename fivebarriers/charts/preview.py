"""Charts drawn in plain HTML, CSS and SVG, shown the moment the page arrives,
until the browser has loaded Plotly (4.7 MB of JavaScript) and drawn the
interactive chart over it.

On a first visit Plotly's chart appears 1.2–1.6 s after the page's script
has finished (bench/results.md), and a reader looked at a grey box. Every
chart here places its parts in pixels or on a known range, so the same
picture can be drawn from the figure's own spec without Plotly, at the same
size, so nothing moves when Plotly takes over:
* bar charts with their words above each bar (charts/rows.py): the same
  rows, bars, goal lines and bands, ticks and source line (this module);
* the place maps: coastline, points, names and key (preview_map.py);
* the Explorer's grid of counts: cells, shades, numbers (preview_grid.py);
* a department's names over time: bars of dates and years (preview_timeline.py).
The shared parts, and why nothing from the data can become markup, are in
preview_html.py."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from fivebarriers.charts import preview_grid, preview_map, preview_timeline, style
from fivebarriers.charts.preview_html import (
    CSS,
    WAITING,
    box,
    colour,
    figure,
    font,
    margins,
    pair,
    paper_notes,
    text,
    x_axis_html,
)

__all__ = ["CSS", "WAITING", "chart_html", "rows_chart_html"]

# Plotly's hatching for expected results, as a CSS gradient over the bar's colour.
_HATCH = "repeating-linear-gradient(-45deg, rgba(255,255,255,0.55) 0 2px, transparent 2px 7px)"


def chart_html(spec: Mapping[str, Any]) -> str | None:
    """The figure (`{"data": [...], "layout": {...}}`) as HTML, or None for a
    chart that cannot be drawn so (the page then says the chart is coming)."""
    drawers = (rows_chart_html, preview_map.map_html, preview_grid.grid_html, preview_timeline.timeline_html)
    for draw in drawers:
        drawn = draw(spec)
        if drawn is not None:
            return drawn
    return None


def rows_chart_html(spec: Mapping[str, Any]) -> str | None:
    """A chart of labelled rows as HTML, or None when it is not one."""
    layout = spec.get("layout") or {}
    y_axis, x_axis = layout.get("yaxis") or {}, layout.get("xaxis") or {}
    y_range, x_range = y_axis.get("range"), x_axis.get("range")
    traces = list(spec.get("data") or [])
    if (
        y_axis.get("visible") is not False
        or not pair(y_range)
        or not pair(x_range)
        or not traces
        or any(t.get("type") != "bar" or t.get("orientation") != "h" for t in traces)
    ):
        return None
    x_low, x_high = float(x_range[0]), float(x_range[1])
    if x_high <= x_low:
        return None
    left, right, top, _ = margins(layout)
    plot_height = float(y_range[0])

    def at(x: float) -> str:
        share = (float(x) - x_low) / (x_high - x_low) * 100
        return f"{min(max(share, 0.0), 100.0):.3f}%"

    plot: list[str] = []
    for shape in layout.get("shapes") or []:
        plot.append(_shape(shape, at))
    for trace in traces:
        plot.extend(_bars(trace, at))
    labels = [a for a in layout.get("annotations") or [] if a.get("yref") == "y"]
    for note in labels:
        plot.append(
            box(
                f"left:0;top:{float(note['y']):.1f}px;{font(note)}white-space:nowrap;",
                text(note.get("text", "")),
            )
        )
    plot.append(x_axis_html(x_axis, x_low, x_high, at, left))
    return figure(
        layout,
        [
            box(f"left:{left}px;right:{right}px;top:{top}px;height:{plot_height:.1f}px;", "".join(plot)),
            *paper_notes(layout, left, top + plot_height),
        ],
    )


def _bars(trace: Mapping[str, Any], at) -> list[str]:
    marker = trace.get("marker") or {}
    colours = marker.get("color", style.DARK_BLUE)
    patterns = (marker.get("pattern") or {}).get("shape")
    width = float(trace.get("width") or 0)
    out = []
    for i, (x, centre) in enumerate(zip(trace.get("x") or [], trace.get("y") or [], strict=False)):
        if x is None or (isinstance(x, float) and math.isnan(x)) or not isinstance(centre, int | float):
            continue  # not reported: no bar, as on the chart itself
        hatched = isinstance(patterns, list) and i < len(patterns) and patterns[i]
        fill = f"background:{colour(colours[i] if isinstance(colours, list) else colours, style.DARK_BLUE)};"
        if hatched:
            fill += f"background-image:{_HATCH};"
        out.append(box(f"left:0;width:{at(x)};top:{centre - width / 2:.1f}px;height:{width:.1f}px;{fill}"))
    return out


def _shape(shape: Mapping[str, Any], at) -> str:
    x0, x1 = float(shape["x0"]), float(shape["x1"])
    y0, y1 = float(shape["y0"]), float(shape["y1"])
    place = f"top:{min(y0, y1):.1f}px;height:{abs(y1 - y0):.1f}px;"
    if shape.get("type") == "rect":
        band = colour(shape.get("fillcolor"), style.TARGET_BAND)
        low, high = at(min(x0, x1)), at(max(x0, x1))
        return box(f"left:{low};width:calc({high} - {low});{place}background:{band};")
    line = shape.get("line") or {}
    kind = "dotted" if line.get("dash") else "solid"
    border = f"border-left:{int(line.get('width', 2))}px {kind} {colour(line.get('color'), style.ORANGE)};"
    return box(f"left:{at(x0)};{place}{border}margin-left:-1px;")
