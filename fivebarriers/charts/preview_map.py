"""A place map (charts/maps.py) drawn as SVG before Plotly arrives: the
coastline, every point with its symbol and colour, the names beside the
points and the key above, where Plotly will draw them.

Plotly keeps the map's shape (the y axis is tied to the x axis, shrunk to
fit and centred in the plot area). The same box is made here with CSS
container units: as wide as the plot area allows at the map's proportions,
and centred. In that box the coastline is an SVG path stretched to fill it,
and each point sits at its longitude and latitude as a percentage of the
box, drawn in pixels (an SVG without a viewBox), so a point is the same
size on a phone as on a projector, as Plotly's are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fivebarriers.charts import style
from fivebarriers.charts.preview_html import (
    box,
    colour,
    figure,
    margins,
    number,
    pair,
    paper_notes,
    plain_text,
    text,
)

# Plotly's marker `size` is a circle's diameter; its line is drawn on the edge.
_SHAPES = {
    # circle: a disc of the marker's size
    "square": "M-{h},-{h}H{h}V{h}H-{h}Z",
    "diamond": "M0,-{d}L{d},0L0,{d}L-{d},0Z",
}
# Where a point's name goes, from Plotly's textposition: (anchor, dx, dy) in pixels.
_GAP = 10
_HORIZONTAL = {"left": ("end", -_GAP), "center": ("middle", 0), "right": ("start", _GAP)}
_VERTICAL = {"top": -_GAP - 2, "middle": 4, "bottom": _GAP + 10}


def map_html(spec: Mapping[str, Any]) -> str | None:
    """A place map as HTML and SVG, or None when `spec` is not one."""
    layout = spec.get("layout") or {}
    x_axis, y_axis = layout.get("xaxis") or {}, layout.get("yaxis") or {}
    traces = list(spec.get("data") or [])
    if (
        y_axis.get("scaleanchor") != "x"
        or not pair(x_axis.get("range"))
        or not pair(y_axis.get("range"))
        or not traces
        or any(t.get("type") != "scatter" for t in traces)
    ):
        return None
    west, east = (float(v) for v in x_axis["range"])
    south, north = (float(v) for v in y_axis["range"])
    stretch = float(y_axis.get("scaleratio") or 1.0)
    if east <= west or north <= south or stretch <= 0:
        return None
    aspect = (east - west) / ((north - south) * stretch)

    def at(lon: Any, lat: Any) -> tuple[str, str]:
        return (
            f"{(float(lon) - west) / (east - west) * 100:.3f}%",
            f"{(north - float(lat)) / (north - south) * 100:.3f}%",
        )

    lines = [t for t in traces if "markers" not in str(t.get("mode", ""))]
    points = [t for t in traces if "markers" in str(t.get("mode", ""))]
    drawing = "".join(_coast(t, west, north, east - west, stretch) for t in lines)
    width, height = 1000.0, 1000.0 / aspect
    coast = (
        f'<svg viewBox="0 0 {width:.0f} {height:.1f}" preserveAspectRatio="none" '
        f'style="position:absolute;left:0;top:0;width:100%;height:100%">{drawing}</svg>'
    )
    marks = (
        '<svg style="position:absolute;left:0;top:0;width:100%;height:100%;overflow:hidden">'
        + "".join(_points(t, at) for t in points)
        + "</svg>"
    )
    left, right, top, plot_height = margins(layout)
    # Plotly's constrain="domain": the widest box of the map's shape that fits, centred.
    fitted = (
        "left:50%;top:50%;transform:translate(-50%,-50%);overflow:hidden;"
        f"width:min(100cqw, 100cqh * {aspect:.5f});height:min(100cqh, 100cqw / {aspect:.5f});"
    )
    parts = [
        box(
            f"left:{left}px;right:{right}px;top:{top}px;height:{plot_height:.1f}px;container-type:size;",
            box(fitted, coast + marks),
        ),
        *paper_notes(layout, left, top + plot_height),
    ]
    if layout.get("showlegend"):
        parts.append(_key(points, left, right, top))
    return figure(layout, parts)


def _coast(trace: Mapping[str, Any], west: float, north: float, span: float, stretch: float) -> str:
    """The outline's rings (lon/lat lists broken by None) as one SVG path, in
    a 1000-unit-wide drawing."""
    scale = 1000.0 / span
    path: list[str] = []
    pen_down = False
    for lon, lat in zip(trace.get("x") or [], trace.get("y") or [], strict=False):
        if lon is None or lat is None:
            if pen_down:
                path.append("Z")
            pen_down = False
            continue
        x, y = (float(lon) - west) * scale, (north - float(lat)) * stretch * scale
        path.append(f"{'L' if pen_down else 'M'}{x:.1f},{y:.1f}")
        pen_down = True
    if pen_down:
        path.append("Z")
    line = trace.get("line") or {}
    fill = colour(trace.get("fillcolor"), "none") if trace.get("fill") else "none"
    return (
        f'<path d="{"".join(path)}" fill="{fill}" stroke="{colour(line.get("color"), style.GRID)}" '
        f'stroke-width="{float(line.get("width", 1)):g}" vector-effect="non-scaling-stroke"/>'
    )


def _symbol(marker: Mapping[str, Any]) -> tuple[str, bool, float]:
    """Plotly's symbol name as (shape, open, size)."""
    name = str(marker.get("symbol", "circle"))
    shape = next((s for s in _SHAPES if name.startswith(s)), "circle")
    return shape, name.endswith("-open"), float(marker.get("size", 6))


def _look(marker: Mapping[str, Any]) -> tuple[str, float, str]:
    """A marker's shape, size and SVG paint, for the points and their key alike:
    an open symbol is its outline only, a filled one its colour inside its edge."""
    shape, hollow, size = _symbol(marker)
    paint = colour(marker.get("color"), style.DARK_BLUE)
    edge = marker.get("line") or {}
    width = float(edge.get("width", 0))
    if hollow:
        return shape, size, f'fill="none" stroke="{paint}" stroke-width="{width:g}"'
    return shape, size, f'fill="{paint}" stroke="{colour(edge.get("color"), paint)}" stroke-width="{width:g}"'


def _mark(shape: str, size: float, x: str, y: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{size / 2:g}"/>'
    # A path cannot be placed at a percentage; a nested SVG at the point can.
    half, diagonal = size / 2, size / 2 * 1.3  # Plotly's diamond is 1.3 times a square's half
    drawn = _SHAPES[shape].format(h=f"{half:g}", d=f"{diagonal:.2f}")
    return f'<svg x="{x}" y="{y}" overflow="visible"><path d="{drawn}"/></svg>'


def _points(trace: Mapping[str, Any], at) -> str:
    shape, size, look = _look(trace.get("marker") or {})
    xs, ys = trace.get("x") or [], trace.get("y") or []
    marks, names = [], []
    labels = trace.get("text") if "text" in str(trace.get("mode", "")) else None
    positions = trace.get("textposition")
    font = trace.get("textfont") or {}
    for i, (lon, lat) in enumerate(zip(xs, ys, strict=False)):
        if not number(lon) or not number(lat):
            continue
        x, y = at(lon, lat)
        marks.append(_mark(shape, size, x, y))
        label = labels[i] if isinstance(labels, list) and i < len(labels) else None
        if label:
            where = positions[i] if isinstance(positions, list) and i < len(positions) else positions
            names.append(_name(str(label), str(where or "middle right"), x, y))
    if names:
        names_group = (
            f'<g fill="{colour(font.get("color"), style.TEXT)}" '
            f'font-size="{int(font.get("size", style.SOURCE_SIZE))}">' + "".join(names) + "</g>"
        )
    else:
        names_group = ""
    return f"<g {look}>{''.join(marks)}</g>{names_group}"


def _name(label: str, where: str, x: str, y: str) -> str:
    vertical, _, horizontal = where.partition(" ")
    anchor, dx = _HORIZONTAL.get(horizontal, _HORIZONTAL["right"])
    dy = _VERTICAL.get(vertical, _VERTICAL["middle"])
    # SVG text holds no HTML: a one-line label (a place's name never has a break).
    return f'<text x="{x}" y="{y}" dx="{dx}" dy="{dy}" text-anchor="{anchor}">{plain_text(label)}</text>'


def _key(points: Sequence[Mapping[str, Any]], left: int, right: int, top: int) -> str:
    """The legend Plotly draws above the map: each group's symbol and name."""
    items = []
    for trace in points:
        shape, size, look = _look(trace.get("marker") or {})
        sample = (
            f'<svg width="40" height="20" style="flex:none"><g {look}>'
            + _mark(shape, size, "20", "10")
            + "</g></svg>"
        )
        items.append(
            f'<span style="display:inline-flex;align-items:center;margin-right:6px;">'
            f"{sample}{text(trace.get('name', ''))}</span>"
        )
    return box(
        f"left:{left}px;right:{right}px;top:0;height:{top}px;display:flex;flex-wrap:wrap;"
        f"align-content:flex-end;padding-bottom:4px;box-sizing:border-box;font-size:{style.TICK_SIZE}px;color:{style.TEXT};",
        "".join(items),
    )
