"""The coastlines under the place maps (charts/geo.py): every ring is one
shape on flat axes. Eurasia's ring crosses the 180th meridian; drawn as it
was stored, its jumps from +180 to -180 degrees closed a filled band right
across the wide map, over the Arctic, on the interactive map and its
stand-in alike."""

from __future__ import annotations

import itertools
import json

import pytest

from fivebarriers.charts import geo


@pytest.mark.parametrize("name", ["wide", "british_isles"])
def test_no_coastline_jumps_across_the_map(name):
    for ring in geo.outline(name):
        steps = [abs(b[0] - a[0]) for a, b in itertools.pairwise(ring)]
        assert max(steps, default=0) < 180


@pytest.mark.parametrize("name", ["wide", "british_isles"])
def test_every_point_stays_where_it_was_on_the_globe(name):
    stored = json.loads(geo.OUTLINES.read_text(encoding="utf-8"))[name]
    drawn = geo.outline(name)
    assert len(drawn) == len(stored)
    west, _, east, _ = geo.WIDE_BOUNDS
    for before, after in zip(stored, drawn, strict=True):
        assert [p[1] for p in after] == [p[1] for p in before]
        for (lon, _), (moved, _) in zip(before, after, strict=True):
            turns = (moved - lon) / 360
            assert turns == pytest.approx(round(turns), abs=1e-6)
            if west <= lon <= east:  # on the map: not moved at all (only Chukotka is)
                assert moved == lon


def test_a_ring_across_the_meridian_is_carried_on_past_180():
    ring = [[170, 0], [179, 1], [-179, 2], [-170, 3], [-170, -3], [-179, -2], [179, -1], [170, 0]]
    assert [p[0] for p in geo.unwrapped(ring)] == [170, 179, 181, 190, 190, 181, 179, 170]
    # Mostly west of the meridian: moved a whole turn back, not left at 190..200.
    west = [[-175, 0], [-179, 1], [179, 2], [-175, 3]]
    assert [p[0] for p in geo.unwrapped(west)] == [-175, -179, -181, -175]
