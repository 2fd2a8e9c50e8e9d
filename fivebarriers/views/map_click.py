"""Clicking a place on the Places map opens that place.

Streamlit returns a Plotly selection as the clicked point's coordinates;
the point is matched back to the place drawn there (the nearest point of
the map's data), so the chart needs no extra data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def clicked_place(selection: Any, points: Sequence[Mapping[str, Any]]) -> str | None:
    """The place_id of the point clicked, or None when nothing (or no place) was clicked."""
    try:
        chosen = selection["selection"]["points"]
    except (KeyError, TypeError):
        return None
    if not chosen:
        return None
    x, y = chosen[0].get("x"), chosen[0].get("y")
    if x is None or y is None:
        return None
    placed = [p for p in points if p.get("lon") is not None and p.get("lat") is not None]
    if not placed:
        return None
    nearest = min(placed, key=lambda p: (float(p["lon"]) - float(x)) ** 2 + (float(p["lat"]) - float(y)) ** 2)
    return str(nearest["place_id"])


def selection_key(selection: Any) -> tuple | None:
    """Identifies one click, so a page acts on it once (a selection stays in
    the chart's state across reruns until another click replaces it)."""
    try:
        point = selection["selection"]["points"][0]
    except (KeyError, TypeError, IndexError):
        return None
    return (point.get("curve_number"), point.get("point_index"), point.get("x"), point.get("y"))
