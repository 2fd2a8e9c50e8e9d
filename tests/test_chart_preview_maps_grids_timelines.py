"""The place maps, the grid of counts and the names-over-time chart drawn
before Plotly arrives (charts/preview_map.py, preview_grid.py,
preview_timeline.py): every point where its longitude and latitude put it,
in its group's symbol and colour; every cell with its own number and a
shade that follows the counts; every name on its own dates; and never any
markup from the data. Rows and points differ from each other, so a
point or a number drawn in another's place fails."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fivebarriers.charts import charts, preview, preview_grid, preview_map, preview_timeline, style

BOUNDS = (-6.0, 49.8, 2.0, 56.0)
OUTLINE = [[[-3.0, 50.0], [1.0, 50.0], [1.0, 55.0]], [[-5.0, 51.0], [-4.0, 52.0], [-5.0, 52.0]]]
# What an SVG or HTML stand-in may contain: nothing that runs, links or loads.
TAGS = {"div", "span", "br", "svg", "path", "g", "circle", "text"}
ATTRIBUTES = {
    "class", "style", "aria-hidden", "viewbox", "preserveaspectratio", "d", "fill", "stroke",
    "stroke-width", "vector-effect", "cx", "cy", "r", "x", "y", "dx", "dy", "text-anchor",
    "overflow", "font-size", "width", "height",
}  # fmt: skip


class _Parts(HTMLParser):
    """Tags in order, with attributes and the text written inside each <text>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.labels: list[str] = []
        self._in_label = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_label = tag == "text"
        if self._in_label:
            self.labels.append("")

    def handle_endtag(self, tag):
        if tag == "text":
            self._in_label = False

    def handle_data(self, data):
        if self._in_label:
            self.labels[-1] += data


class _Texts(HTMLParser):
    """Every text written, markup read as a browser reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    @classmethod
    def of(cls, drawn: str) -> list[str]:
        texts = cls()
        texts.feed(drawn)
        return texts.parts


def parse(drawn: str) -> _Parts:
    parts = _Parts()
    parts.feed(drawn)
    return parts


def point(name: str, pilots: int, programmes: int, lon: float, lat: float) -> dict:
    return dict(name=name, kind="town", pilots=pilots, programmes=programmes, findings=1, lon=lon, lat=lat)


def drawn_points(drawn: str) -> list[tuple[str, float, float]]:
    """(symbol, x %, y %) of every point: discs are circles, open symbols nested SVGs."""
    out = []
    for tag, attrs in parse(drawn).tags:
        if tag == "circle" and attrs["cx"].endswith("%"):
            out.append(("circle", float(attrs["cx"][:-1]), float(attrs["cy"][:-1])))
        elif tag == "svg" and (attrs.get("x") or "").endswith("%"):
            out.append(("open", float(attrs["x"][:-1]), float(attrs["y"][:-1])))
    return out


def expected_at(p: dict) -> tuple[float, float]:
    west, south, east, north = BOUNDS
    return (p["lon"] - west) / (east - west) * 100, (north - p["lat"]) / (north - south) * 100


def place_map(points: list[dict]) -> charts.Chart:
    return charts.place_map(points, OUTLINE, BOUNDS, "H", "S", "src")


def test_every_point_is_drawn_where_its_longitude_and_latitude_put_it_in_its_own_symbol():
    points = [
        point("Liverpool", 2, 1, -2.98, 53.4),
        point("Hastings", 0, 1, 0.57, 50.85),
        point("Bodmin", 0, 0, -4.72, 50.47),
        point("Luton", 1, 1, -0.42, 51.88),
    ]
    drawn = preview.chart_html(place_map(points).figure.to_dict())
    got = drawn_points(drawn)
    assert len(got) == len(points)
    for p in points:
        x, y = expected_at(p)
        symbol = "circle" if p["pilots"] else "open"
        at = [(gx, gy) for s, gx, gy in got if s == symbol]
        assert any(x == pytest.approx(gx, abs=1e-3) and y == pytest.approx(gy, abs=1e-3) for gx, gy in at), p
    # Each group in its own colour, as on the interactive map and in its key.
    for name, _, colour in preview_map_groups(points):
        assert drawn.count(f'fill="{colour}"') + drawn.count(f'stroke="{colour}"') >= 2, name
        assert name in drawn
    assert parse(drawn).labels == ["Liverpool", "Luton", "Hastings", "Bodmin"]  # by group, as Plotly's traces


def preview_map_groups(points: list[dict]) -> list[tuple[str, str, str]]:
    present = {charts.map_group(p) for p in points}
    from fivebarriers.charts.maps import GROUPS

    return [g for g in GROUPS if g[0] in present]


def test_the_map_keeps_its_shape_and_the_coastline_is_drawn():
    drawn = preview_map.map_html(place_map([point("Liverpool", 1, 1, -2.98, 53.4)]).figure.to_dict())
    west, south, east, north = BOUNDS
    layout = place_map([point("Liverpool", 1, 1, -2.98, 53.4)]).figure.to_dict()["layout"]
    aspect = (east - west) / ((north - south) * layout["yaxis"]["scaleratio"])
    assert f"100cqh * {aspect:.5f}" in drawn and f"100cqw / {aspect:.5f}" in drawn
    paths = [a["d"] for t, a in parse(drawn).tags if t == "path" and a.get("d", "").startswith("M")]
    assert paths and paths[0].count("M") == len(OUTLINE) and paths[0].count("Z") == len(OUTLINE)
    assert "Source: src" in drawn


def test_only_maps_are_drawn_as_maps_and_only_grids_as_grids():
    grid = charts.count_grid(
        [dict(row_label="Funding", column_label="achieved", outputs=7, reported=6, not_reported=1)],
        "H", "S", "src", "Barrier", "Kind",
    )  # fmt: skip
    one_map = place_map([point("Liverpool", 1, 1, -2.98, 53.4)])
    assert preview_map.map_html(grid.figure.to_dict()) is None
    assert preview_grid.grid_html(one_map.figure.to_dict()) is None
    assert preview_map.map_html({"data": [], "layout": {}}) is None
    assert preview_grid.grid_html({"data": [{"type": "heatmap", "z": []}], "layout": {}}) is None


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=24)


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            names,
            st.integers(0, 3),
            st.integers(0, 2),
            st.floats(BOUNDS[0], BOUNDS[2], allow_nan=False),
            st.floats(BOUNDS[1], BOUNDS[3], allow_nan=False),
        ),
        min_size=1,
        max_size=30,
        unique_by=lambda t: t[0],
    )
)
def test_any_points_come_back_each_in_its_place_and_their_names_stay_text(rows):
    points = [point(*row) for row in rows]
    drawn = preview.chart_html(place_map(points).figure.to_dict())
    parts = parse(drawn)
    assert {t for t, _ in parts.tags} <= TAGS
    assert {k for _, attrs in parts.tags for k in attrs} <= ATTRIBUTES
    got = sorted((round(x, 3), round(y, 3)) for _, x, y in drawn_points(drawn))
    assert got == sorted((round(x, 3), round(y, 3)) for x, y in map(expected_at, points))
    # Up to 30 points carry their names; each name comes back exactly as given.
    assert sorted(parts.labels) == sorted(p["name"] for p in points)


# --- the grid of counts -------------------------------------------------------------------

CELL = re.compile(
    r"background:(#[0-9A-F]{6}|transparent);display:flex;align-items:center;"
    r'justify-content:center;text-align:center;">(.*?)</div>'
)


def grid(cells: list[dict]) -> charts.Chart:
    return charts.count_grid(cells, "H", "S", "src", "Barrier", "Kind")


def luminance(shade: str) -> float:
    r, g, b = (int(shade[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_each_cell_has_its_own_number_and_the_shade_follows_the_counts():
    cells = [
        dict(row_label="Structures", column_label="achieved", outputs=11, reported=11, not_reported=0),
        dict(row_label="Structures", column_label="expected", outputs=0, reported=0, not_reported=0),
        dict(row_label="Funding", column_label="achieved", outputs=7, reported=6, not_reported=1),
        dict(row_label="Funding", column_label="expected", outputs=2, reported=2, not_reported=0),
    ]
    drawn = preview.chart_html(grid(cells).figure.to_dict())
    found = CELL.findall(drawn)
    assert [t for _, t in found] == ["11", "0", "7<br>(1 with no figure)", "2"]
    shades = [s for s, _ in found]
    assert shades[0] == style.SEQUENTIAL[2].upper() and shades[1] == style.BACKGROUND.upper()
    assert luminance(shades[0]) < luminance(shades[2]) < luminance(shades[3]) < luminance(shades[1])
    # Nothing covers a column's name: the waiting line is under the grid, not over its top edge.
    layout = grid(cells).figure.to_dict()["layout"]
    below = layout["height"] - layout["margin"]["b"]
    waiting = re.search(r'<div class="fb-chart-waiting" style="[^"]*top:(\d+)px', drawn)
    assert waiting and int(waiting.group(1)) >= below
    # Row names to the left in the grid's order, column names above.
    order = [drawn.index(name) for name in ("Structures", "Funding", "achieved", "expected")]
    assert order == sorted(order)


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.tuples(names, st.lists(st.integers(0, 10_000), min_size=width, max_size=width)),
            min_size=1,
            max_size=6,
            unique_by=lambda row: row[0].strip(),
        )
    )
)
def test_any_grid_comes_back_cell_by_cell_with_darker_shades_for_larger_counts(rows):
    columns = [f"kind {i}" for i in range(len(rows[0][1]))]
    cells = [
        dict(row_label=label, column_label=columns[c], outputs=n, reported=n, not_reported=0)
        for label, counts in rows
        for c, n in enumerate(counts)
    ]
    drawn = preview.chart_html(grid(cells).figure.to_dict())
    parts = parse(drawn)
    assert {t for t, _ in parts.tags} <= TAGS
    found = CELL.findall(drawn)
    counts = [n for _, row in rows for n in row]
    assert [t for _, t in found] == [f"{n:,}" for n in counts]
    for (shade_a, _), a in zip(found, counts, strict=True):
        for (shade_b, _), b in zip(found, counts, strict=True):
            if a < b:
                assert luminance(shade_a) >= luminance(shade_b) - 1e-9


# --- a department's names over time ------------------------------------------------------

BAR = re.compile(
    r"left:([\d.]+)%;width:calc\(([\d.]+)% - ([\d.]+)%\);top:([\d.]+)px;height:20\.0px;background:"
)


def timeline(periods: list[dict]) -> charts.Chart:
    return charts.name_timeline(periods, "H", "S", "Machinery of government changes", today="2026-11-28")


def test_each_name_has_its_bar_from_its_first_day_to_its_last_and_the_years_below():
    periods = [
        dict(name="Department for Communities and Local Government", abbreviation="DCLG",
             valid_from="2006-05-05", valid_to="2018-01-07"),
        dict(name="Ministry of Housing, Communities and Local Government", abbreviation="MHCLG",
             valid_from="2018-01-08", valid_to="2021-09-18"),
        dict(name="Department for Levelling Up, Housing and Communities", abbreviation="DLUHC",
             valid_from="2021-09-19", valid_to=None),
    ]  # fmt: skip
    spec = timeline(periods).figure.to_dict()
    drawn = preview.chart_html(spec)
    low, high = (preview_timeline._seconds(v) for v in spec["layout"]["xaxis"]["range"])
    bars = BAR.findall(drawn)
    assert len(bars) == len(periods)
    ends = [(p["valid_from"], p["valid_to"] or "2026-11-28") for p in periods]
    for (left, right, right_again, top), (start, end), trace in zip(bars, ends, spec["data"], strict=True):
        share = [(preview_timeline._seconds(d) - low) / (high - low) * 100 for d in (start, end)]
        assert float(left) == pytest.approx(share[0], abs=1e-3) == float(right_again)
        assert float(right) == pytest.approx(share[1], abs=1e-3)
        assert float(top) == pytest.approx(trace["y"][0] - 10)
    for p in periods:
        assert f"{p['abbreviation']}: " in drawn
    years = re.findall(r'white-space:nowrap;">(\d{4})</div>', drawn)
    assert years and years == sorted(years) and {"2010", "2020"} <= set(years)
    assert (
        preview_timeline.timeline_html(place_map([point("Liverpool", 1, 1, -2.98, 53.4)]).figure.to_dict())
        is None
    )


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(names, st.dates(dt.date(1990, 1, 1), dt.date(2026, 11, 1)), st.integers(1, 4000)),
        min_size=1,
        max_size=6,
    )
)
def test_any_names_over_time_come_back_each_on_its_own_dates_as_text(rows):
    periods = [
        dict(name=name, abbreviation=None, valid_from=start.isoformat(),
             valid_to=min(start + dt.timedelta(days=days), dt.date(2026, 11, 28)).isoformat())
        for name, start, days in rows
    ]  # fmt: skip
    spec = timeline(periods).figure.to_dict()
    drawn = preview.chart_html(spec)
    assert {t for t, _ in parse(drawn).tags} <= TAGS
    low, high = (preview_timeline._seconds(v) for v in spec["layout"]["xaxis"]["range"])
    got = [(float(a), float(b)) for a, b, _, _ in BAR.findall(drawn)]
    want = [
        tuple(
            (preview_timeline._seconds(p[k]) - low) / (high - low) * 100 for k in ("valid_from", "valid_to")
        )
        for p in periods
    ]
    assert [x for bar in got for x in bar] == pytest.approx([x for bar in want for x in bar], abs=1e-3)
    written = "".join(_Texts.of(drawn))
    for p in periods:
        assert p["name"] in written
