"""Places as points on a coastline drawn from shipped lon/lat rings: no map
tiles, no CDN, so the Places page works offline."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import style

GROUPS = (
    ("A pilot or case study ran here", "circle", style.DARK_BLUE),
    ("Named in a report; no pilot described", "diamond-open", style.DARK_PINK),
    ("Barrier evidence only", "square-open", style.ORANGE),
)
LEGEND_PX = 70
METHOD = (
    "Each place in the data is a point at its latitude and longitude, over coastlines shipped "
    "with the dashboard (Natural Earth, public domain). A point's symbol and colour say what the "
    "sources describe there; the table lists every place with its counts."
)


def place_map(
    points: Sequence[Mapping[str, Any]],
    outline: Sequence[Sequence[Sequence[float]]],
    bounds: tuple[float, float, float, float],
    headline: str,
    subtitle: str,
    source: str,
    height: int = 720,
) -> style.Chart:
    """x is longitude, y latitude, with the y axis stretched by
    1/cos(mid-latitude) so shapes look right at these latitudes.

    Each point's group is shown by symbol *and* colour, and written in the
    hover text and the table."""
    west, south, east, north = bounds
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in outline:
        xs.extend(p[0] for p in ring)
        ys.extend(p[1] for p in ring)
        xs.append(None)
        ys.append(None)
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": "#F3F2F1",
            "line": {"color": "#B1B4B6", "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    for name, symbol, colour in GROUPS:
        members = [p for p in points if map_group(p) == name]
        if not members:
            continue
        traces.append(
            {
                "type": "scatter",
                "x": [p["lon"] for p in members],
                "y": [p["lat"] for p in members],
                "mode": "markers+text" if len(points) <= 30 else "markers",
                "marker": {
                    "symbol": symbol,
                    "size": 13,
                    "color": colour,
                    "line": {"width": 2, "color": colour},
                },
                "text": [style.escape(p.get("label", p["name"])) for p in members],
                "textposition": [p.get("label_position", "middle right") for p in members],
                "textfont": {"size": style.SOURCE_SIZE, "color": style.TEXT},
                "customdata": [style.escape(map_hover(p)) for p in members],
                "hovertemplate": "%{customdata}<extra></extra>",
                "name": name,
            }
        )
    mid = math.radians((south + north) / 2)
    lay = style.layout(height - LEGEND_PX, source, top=LEGEND_PX, below_plot=8)
    # constrain="domain": keep the framed box and shrink the drawing area to
    # its shape, rather than widen the box to fill the area.
    lay["xaxis"] = {"range": [west, east], "visible": False, "constrain": "domain", "fixedrange": True}
    lay["yaxis"] = {
        "range": [south, north],
        "visible": False,
        "scaleanchor": "x",
        "scaleratio": 1 / math.cos(mid),
        "constrain": "domain",
        "fixedrange": True,
    }
    lay["showlegend"] = True
    lay["legend"] = {
        "orientation": "h",
        "x": 0,
        "y": 1.0,
        "yanchor": "bottom",
        "font": {"size": style.TICK_SIZE, "color": style.TEXT},
    }
    alt = f"{headline}. " + "; ".join(f"{p['name']}: {map_hover(p)}" for p in points) + "."
    table = pd.DataFrame(
        {
            "Place": [p["name"] for p in points],
            "Type of place": [words.place_type(p["kind"]) for p in points],
            "Within": [p.get("parent_name") or "" for p in points],
            "On the map as": [map_group(p) for p in points],
            "Pilots here": [int(p["pilots"]) for p in points],
            "Pilots ran in": [p["pilots_in"] if isinstance(p.get("pilots_in"), str) else "" for p in points],
            "Programmes": [p.get("programme_names") or "" for p in points],
            "Barrier findings": [int(p["findings"]) for p in points],
            "Latitude": [p["lat"] for p in points],
            "Longitude": [p["lon"] for p in points],
        }
    )
    linked = {"Place": ("place", [p.get("place_id") for p in points])}
    figure = style.figure(traces, lay)
    return style.Chart(figure, headline, subtitle, source, alt, table, METHOD, links=linked)


def map_group(point: Mapping[str, Any]) -> str:
    if int(point["pilots"]) > 0:
        return "A pilot or case study ran here"
    if int(point["programmes"]) > 0:
        return "Named in a report; no pilot described"
    return "Barrier evidence only"


def map_hover(point: Mapping[str, Any]) -> str:
    parts = [f"{point['name']} ({words.place_type(point['kind'])})"]
    pilots = int(point["pilots"])
    if pilots:
        text = f"{pilots} pilot or case study" if pilots == 1 else f"{pilots} pilots or case studies"
        within = point.get("pilots_in")
        if isinstance(within, str) and within:
            # Rolled up from the places within it (place_map.sql): say where they ran.
            text += f" (in {within})"
        parts.append(text)
    if point.get("programme_names") and not pd.isna(point.get("programme_names")):
        parts.append(f"programme: {point['programme_names']}")
    findings = int(point["findings"])
    if findings:
        parts.append(f"{findings} barrier finding{'s' if findings != 1 else ''}")
    return ", ".join(parts)
