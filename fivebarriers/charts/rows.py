"""Horizontal bars with their words written *above* each bar, not beside it.

A label beside a bar runs over the goal line or target band drawn on the
same row, and needs room to the right that a 390 px phone does not have; a
label on the y axis eats half the width. Above the bar, a label has the whole
width, can wrap, and never crosses anything drawn on the bar's own row.

The y axis is measured in pixels (its range equals the plot's height), so
label lines, bars and goal marks can be placed exactly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fivebarriers.charts import style

BAR_PX, GAP_PX, LABEL_GAP_PX = 24, 18, 4


@dataclass
class RowLayout:
    label_tops: list[float]
    centres: list[float]
    height: float


def label_text(title: Any, detail: Any | None, width: int = style.LABEL_WIDTH) -> str:
    """'<b>Pilot: measure</b><br>over 550 people against a goal of 100', wrapped and escaped."""
    lines = [f"<b>{style.escape(x)}</b>" for x in style.wrap_lines(title, width)]
    if detail:
        lines += [style.escape(x) for x in style.wrap_lines(detail, width)]
    return "<br>".join(lines)


def place(labels: Sequence[str]) -> RowLayout:
    tops, centres, y = [], [], 0.0
    line = style.LINE_PX[style.LABEL_SIZE]
    for text in labels:
        tops.append(y)
        y += line * (text.count("<br>") + 1) + LABEL_GAP_PX
        centres.append(y + BAR_PX / 2)
        y += BAR_PX + GAP_PX
    return RowLayout(tops, centres, max(y - GAP_PX / 2, 1.0))


def label_annotations(labels: Sequence[str], rows: RowLayout) -> list[dict[str, Any]]:
    return [
        {
            "text": text,
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "y",
            "y": top,
            "yanchor": "top",
            "align": "left",
            "showarrow": False,
            "font": {"size": style.LABEL_SIZE, "color": style.TEXT},
        }
        for text, top in zip(labels, rows.label_tops, strict=True)
    ]


def y_axis(rows: RowLayout) -> dict[str, Any]:
    return {"range": [rows.height, 0], "visible": False, "fixedrange": True}


def bar_trace(
    values: Sequence[float | None],
    rows: RowLayout,
    hover: Sequence[str],
    colours: Sequence[str] | str = style.DARK_BLUE,
    patterns: Sequence[str] | None = None,
    name: str = "Result",
) -> dict[str, Any]:
    marker: dict[str, Any] = {"color": list(colours) if not isinstance(colours, str) else colours}
    if patterns is not None:
        marker["pattern"] = {"shape": list(patterns), "fgcolor": "white", "solidity": 0.35}
    return {
        "type": "bar",
        "orientation": "h",
        # A missing figure has no bar: None, never 0 (not reported is not zero).
        "x": [None if v is None else float(v) for v in values],
        "y": rows.centres,
        "width": BAR_PX,
        "marker": marker,
        "text": [style.escape(h) for h in hover],
        "textposition": "none",
        "hovertemplate": "%{text}<extra></extra>",
        "name": name,
    }
