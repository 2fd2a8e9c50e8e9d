"""A department's names over time, for the Departments page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers.charts import style

ROW_PX = 62
METHOD = (
    "One bar per name the department has had, from the day the name was first used to the day it "
    "ended (or today, for the name in use). The dates come from the machinery-of-government changes "
    "the source records."
)


def name_timeline(
    periods: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str, today: Any
) -> style.Chart:
    """A department's names over time: one bar per name, from the day it was
    first used to the day it ended (or today), labelled with its abbreviation."""
    periods = [p for p in periods if p.get("valid_from") is not None and not pd.isna(p.get("valid_from"))]
    traces, notes, spans = [], [], []
    for i, p in enumerate(periods):
        start = pd.Timestamp(p["valid_from"])
        ended = p.get("valid_to") is not None and not pd.isna(p.get("valid_to"))
        end = pd.Timestamp(p["valid_to"]) if ended else pd.Timestamp(today)
        y = ROW_PX * i + ROW_PX - 14
        traces.append(
            {
                "type": "scatter",
                "x": [start.isoformat(), end.isoformat()],
                "y": [y, y],
                "mode": "lines",
                "line": {"color": style.CATEGORICAL[i % len(style.CATEGORICAL)], "width": 20},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
        # Each label starts at the chart's left edge, above its own bar: a
        # label beside a late bar would run off a phone screen.
        notes.append(
            {
                "text": style.escape(f"{p.get('abbreviation') or p['name']}: {period_text(p)}"),
                "x": 0,
                "y": y - 13,
                "xref": "paper",
                "yref": "y",
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": style.TICK_SIZE, "color": style.TEXT},
            }
        )
        spans.append((start, end))
    height = ROW_PX * max(len(periods), 1)
    lay = style.layout(height, source, below_plot=34)
    lay["annotations"] = notes + lay["annotations"]
    first = min((a for a, _ in spans), default=pd.Timestamp(today))
    last = max((b for _, b in spans), default=pd.Timestamp(today))
    pad = (last - first) * 0.03
    lay["xaxis"] = style.axis("", type="date", range=[(first - pad).isoformat(), (last + pad).isoformat()])
    lay["xaxis"]["title"] = None
    lay["yaxis"] = {"range": [height, 0], "visible": False, "fixedrange": True}
    alt = (
        f"{headline}. "
        + "; ".join(
            f"{p['name']} ({p.get('abbreviation') or 'no abbreviation'}): {period_text(p)}" for p in periods
        )
        + "."
    )
    table = pd.DataFrame(
        {
            "Name": [p["name"] for p in periods],
            "Abbreviation": [p.get("abbreviation") or "" for p in periods],
            "In use": [period_text(p) for p in periods],
        }
    )
    return style.Chart(style.figure(traces, lay), headline, subtitle, source, alt, table, METHOD)


def period_text(period: Mapping[str, Any]) -> str:
    def day(value: Any) -> str | None:
        if value is None or pd.isna(value):
            return None
        return pd.Timestamp(value).strftime("%-d %B %Y")

    start, end = day(period.get("valid_from")), day(period.get("valid_to"))
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "dates not given"
