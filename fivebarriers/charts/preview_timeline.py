"""A department's names over time (charts/timeline.py) drawn in HTML before
Plotly arrives: one bar per name from its first day to its last, its label
above it at the chart's left edge, and the years along the axis, at the
figure's own pixel rows."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from fivebarriers.charts import preview_html as part
from fivebarriers.charts import style

_YEAR_STEPS = (1, 2, 5, 10, 20, 50)


def timeline_html(spec: Mapping[str, Any]) -> str | None:
    """Bars of dates (scatter lines of two points on a date axis) as HTML,
    or None when `spec` is not such a chart."""
    layout = spec.get("layout") or {}
    x_axis, y_axis = layout.get("xaxis") or {}, layout.get("yaxis") or {}
    traces = list(spec.get("data") or [])
    x_range = [_seconds(v) for v in x_axis.get("range") or []]
    if (
        x_axis.get("type") != "date"
        or len(x_range) != 2
        or None in x_range
        or not part.pair(y_axis.get("range"))
        or not traces
        or any(t.get("type") != "scatter" or t.get("mode") != "lines" for t in traces)
    ):
        return None
    low, high = x_range
    if high <= low:
        return None

    def at(seconds: float) -> str:
        share = (float(seconds) - low) / (high - low) * 100
        return f"{min(max(share, 0.0), 100.0):.3f}%"

    plot: list[str] = []
    for trace in traces:
        plot.extend(_bar(trace, at))
    for note in layout.get("annotations") or []:
        if note.get("yref") != "y":
            continue
        # Anchored by its bottom just above its bar, from the plot's left edge.
        plot.append(
            part.box(
                f"left:0;top:{float(note['y']):.1f}px;transform:translateY(-100%);"
                f"{part.font(note)}white-space:nowrap;",
                part.text(note.get("text", "")),
            )
        )
    left, right, top, _ = part.margins(layout)
    years = _year_ticks(x_axis, low, high)
    plot.append(part.x_axis_html(years, low, high, at, left, thin=len(years["tickvals"]) > 6))
    plot_height = float(y_axis["range"][0])
    return part.figure(
        layout,
        [
            part.box(f"left:{left}px;right:{right}px;top:{top}px;height:{plot_height:.1f}px;", "".join(plot)),
            *part.paper_notes(layout, left, top + plot_height),
        ],
    )


def _seconds(value: Any) -> float | None:
    """An ISO date or date-time as seconds since 1970 (UTC), or None."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _bar(trace: Mapping[str, Any], at) -> list[str]:
    xs = [_seconds(v) for v in trace.get("x") or []]
    ys = trace.get("y") or []
    if len(xs) != 2 or None in xs or len(ys) != 2 or not all(isinstance(y, int | float) for y in ys):
        return []
    line = trace.get("line") or {}
    width = float(line.get("width", 2))
    start, end = min(xs), max(xs)
    return [
        part.box(
            f"left:{at(start)};width:calc({at(end)} - {at(start)});top:{float(ys[0]) - width / 2:.1f}px;"
            f"height:{width:.1f}px;background:{part.colour(line.get('color'), style.DARK_BLUE)};"
        )
    ]


def _year_ticks(axis: Mapping[str, Any], low: float, high: float) -> dict[str, Any]:
    """The axis with a tick on 1 January every 1, 2, 5, 10... years, about ten
    of them, labelled with the year, as Plotly labels a span of decades."""
    first = dt.datetime.fromtimestamp(low, dt.UTC).year
    last = dt.datetime.fromtimestamp(high, dt.UTC).year
    step = next((s for s in _YEAR_STEPS if (last - first) / s <= 10), _YEAR_STEPS[-1])
    years = list(range(math.ceil(first / step) * step, last + 1, step))
    values = [dt.datetime(y, 1, 1, tzinfo=dt.UTC).timestamp() for y in years]
    return {**axis, "tickvals": values, "ticktext": [str(y) for y in years], "title": None}
