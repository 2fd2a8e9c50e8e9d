"""Regenerate outlines.json from the npm package world-atlas 2.0.2.

Not run by the app or the build: the output is committed so the map works
offline. To redo it:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python fivebarriers/geodata/make_outlines.py package/ > fivebarriers/geodata/outlines.json

It decodes TopoJSON (quantised, delta-encoded arcs) into plain lon/lat rings,
keeps only what our maps draw, and rounds to 3 decimals (about 100 m)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BRITISH_ISLES = {"826": "United Kingdom", "372": "Ireland"}
# Lon/lat box for the "outside the UK" map: Europe and North America.
WIDE_BOX = (-130.0, 20.0, 45.0, 75.0)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def rings_of(topology: dict, geometries: list[dict]) -> list[list[tuple[float, float]]]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in geometries:
        for polygon in polygons(geometry):
            out.extend(ring(arcs, r) for r in polygon)
    return out


def in_box(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return any(west <= x <= east and south <= y <= north for x, y in points)


def main(package: Path) -> dict:
    countries = json.loads((package / "countries-50m.json").read_text())
    land = json.loads((package / "land-110m.json").read_text())
    isles = [g for g in countries["objects"]["countries"]["geometries"] if g.get("id") in BRITISH_ISLES]
    wide = [r for r in rings_of(land, land["objects"]["land"]["geometries"]) if in_box(r, WIDE_BOX)]
    return {
        "origin": "npm package world-atlas 2.0.2 (countries-50m.json, land-110m.json), "
        "itself Natural Earth vector data 4.1.0",
        "licence": "Natural Earth data: public domain. world-atlas packaging: ISC licence, "
        "Copyright 2013-2019 Michael Bostock.",
        "british_isles": rings_of(countries, isles),
        "wide": wide,
    }


if __name__ == "__main__":
    json.dump(main(Path(sys.argv[1])), sys.stdout, separators=(",", ":"))
