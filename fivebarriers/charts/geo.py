"""Coastlines for the offline place map, shipped in fivebarriers/geodata/.

Plotly's geo traces fetch their outlines from a CDN when the chart is viewed,
which fails on an offline laptop or a locked-down network; we draw lon/lat on
plain axes over outlines taken from the npm package world-atlas (Natural
Earth, public domain). See geodata/README.md for origin and licence."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

OUTLINES = HERE / "geodata" / "outlines.json"

# West, south, east, north in degrees. Points inside UK_BOUNDS go on the UK
# map, framed on where they are (frame()); the rest on the wide map, Europe
# to North America, for the international cases.
UK_BOUNDS = (-10.8, 49.8, 2.4, 61.0)
WIDE_BOUNDS = (-100.0, 25.0, 40.0, 71.0)


@cache
def _outlines() -> dict[str, Any]:
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    for name in ("british_isles", "wide"):
        data[name] = [unwrapped(ring) for ring in data[name]]
    return data


def outline(name: str) -> list[list[list[float]]]:
    """Rings of lon/lat pairs: 'british_isles' or 'wide'."""
    return _outlines()[name]


def unwrapped(ring: Sequence[Sequence[float]]) -> list[list[float]]:
    """A ring that crosses the 180th meridian (Eurasia's, at Chukotka) jumps
    from -180 to +180 degrees and back; drawn filled on flat axes, those two
    jumps closed a band right across the wide map, over the Arctic. Carried
    on past 180 instead (Chukotka at 190), the ring is one shape again; it is
    then moved by a whole turn if that puts more of it between -180 and 180."""
    out: list[list[float]] = []
    turn = 0.0
    for lon, lat in ring:
        if out and abs(lon + turn - out[-1][0]) > 180:
            turn -= 360 * round((lon + turn - out[-1][0]) / 360)
        out.append([round(lon + turn, 3), lat])
    shift = max((0, -360, 360), key=lambda s: sum(-180 <= lon + s <= 180 for lon, _ in out))
    return [[round(lon + shift, 3), lat] for lon, lat in out]


def provenance() -> str:
    data = _outlines()
    return f"Coastlines: {data['origin']}. {data['licence']}"


def inside(point: Mapping[str, Any], bounds: Sequence[float]) -> bool:
    west, south, east, north = bounds
    return west <= float(point["lon"]) <= east and south <= float(point["lat"]) <= north


def split_by_bounds(
    points: Sequence[Mapping[str, Any]], bounds: Sequence[float] = UK_BOUNDS
) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    """Points inside the bounds, and the rest (drawn on the wide map)."""
    near = [p for p in points if inside(p, bounds)]
    far = [p for p in points if not inside(p, bounds)]
    return near, far


def frame(
    points: Sequence[Mapping[str, Any]], pad: float = 0.9, limit: Sequence[float] = UK_BOUNDS
) -> tuple[float, float, float, float]:
    """The box around the points, padded, never larger than `limit`: at
    laptop size England's places need the room more than Shetland does."""
    if not points:
        return tuple(limit)  # type: ignore[return-value]
    lons = [float(p["lon"]) for p in points]
    lats = [float(p["lat"]) for p in points]
    west, south, east, north = limit
    return (
        max(west, min(lons) - pad - 1.0),  # room for labels to the left
        max(south, min(lats) - pad),
        min(east, max(lons) + pad),
        min(north, max(lats) + pad),
    )
