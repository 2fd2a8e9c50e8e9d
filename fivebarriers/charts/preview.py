"""A chart drawn in plain HTML and CSS, shown the moment the page arrives,
until the browser has loaded Plotly (4.7 MB of JavaScript) and drawn the
interactive chart over it.

On a first visit Plotly's chart appears 1.2–1.6 s after the page's script
has finished (bench/results.md), and a reader looked at a grey box. The
bar charts with their words above each bar (charts/rows.py) place every
row in pixels and every value on a known axis range, so the same picture
can be drawn from the figure's own spec without Plotly: the same rows,
bars, goal lines and bands, ticks and source line, at the same heights, so
nothing moves when Plotly takes over.

The preview is hidden from screen readers (aria-hidden): the chart's text
alternative and its table are on the page already. Text in a figure is
Plotly's small subset of HTML (`<b>`, `<br>` and escaped text, see
style.escape); it is parsed here and written out escaped again, so nothing
from the data can become markup."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from fivebarriers.charts import style

_TAG = re.compile(r"(<b>|</b>|<br>)")
# Plotly's bold is the browser's (700); Streamlit's markdown styles <b> heavier.
_OWN_TAGS = {"<b>": '<span style="font-weight:700">', "</b>": "</span>", "<br>": "<br>"}
# Plotly's hatching for expected results, as a CSS gradient over the bar's colour.
_HATCH = "repeating-linear-gradient(-45deg, rgba(255,255,255,0.55) 0 2px, transparent 2px 7px)"
WAITING = "Drawing the interactive chart…"
# With the page's other chart styles (views/chart_panel.py).
CSS = """
.fb-chart-preview { container-type: inline-size; }
@container (max-width: 600px) { .fb-tick-odd, .fb-chart-waiting { display: none; } }
"""


def rows_chart_html(spec: Mapping[str, Any]) -> str | None:
    """The figure (`{"data": [...], "layout": {...}}`) as HTML, or None when
    it is not a chart of labelled rows (maps, grids and timelines keep the
    text placeholder)."""
    layout = spec.get("layout") or {}
    y_axis, x_axis = layout.get("yaxis") or {}, layout.get("xaxis") or {}
    y_range, x_range = y_axis.get("range"), x_axis.get("range")
    traces = list(spec.get("data") or [])
    if (
        y_axis.get("visible") is not False
        or not _pair(y_range)
        or not _pair(x_range)
        or not traces
        or any(t.get("type") != "bar" or t.get("orientation") != "h" for t in traces)
    ):
        return None
    x_low, x_high = float(x_range[0]), float(x_range[1])
    if x_high <= x_low:
        return None
    margin = layout.get("margin") or {}
    left, right, top = (int(margin.get(k, 0)) for k in ("l", "r", "t"))
    height = int(layout["height"])
    plot_height = float(y_range[0])

    def at(x: float) -> str:
        share = (float(x) - x_low) / (x_high - x_low) * 100
        return f"{min(max(share, 0.0), 100.0):.3f}%"

    plot: list[str] = []
    for shape in layout.get("shapes") or []:
        plot.append(_shape(shape, at))
    for trace in traces:
        plot.extend(_bars(trace, at))
    labels = [a for a in layout.get("annotations") or [] if a.get("yref") == "y"]
    for note in labels:
        plot.append(
            _box(
                f"left:0;top:{float(note['y']):.1f}px;{_font(note)}white-space:nowrap;",
                _text(note.get("text", "")),
            )
        )
    plot.append(_x_axis(x_axis, x_low, x_high, at, left))
    outer = [
        _box(
            f"left:{left}px;right:{right}px;top:{top}px;height:{plot_height:.1f}px;",
            "".join(plot),
        ),
        *_paper_notes(layout, left, top + plot_height),
        # Where Plotly's camera will be; on a phone it would cover the first label.
        _box(
            f"right:{right}px;top:0;font-size:{style.SOURCE_SIZE}px;color:{style.AXIS};",
            html.escape(WAITING),
            cls="fb-chart-waiting",
        ),
    ]
    font = html.escape(str((layout.get("font") or {}).get("family", style.FONT)), quote=True)
    return (
        f'<div class="fb-chart-preview" aria-hidden="true" style="position:relative;height:{height}px;'
        f'font-family:{font};color:{style.TEXT};background:{style.BACKGROUND};overflow:hidden;">'
        + "".join(outer)
        + "</div>"
    )


def _pair(value: Any) -> bool:
    return isinstance(value, Sequence) and len(value) == 2 and all(isinstance(v, int | float) for v in value)


def _box(css: str, inner: str = "", cls: str = "") -> str:
    named = f' class="{cls}"' if cls else ""
    return f'<div{named} style="position:absolute;{css}">{inner}</div>'


def _font(item: Mapping[str, Any]) -> str:
    # Plotly sets an annotation's lines 1.3 em apart, inside a 1 px pad and a 1 px border.
    font = item.get("font") or {}
    size = int(font.get("size", style.LABEL_SIZE))
    colour = html.escape(str(font.get("color", style.TEXT)), quote=True)
    return f"font-size:{size}px;line-height:1.3;padding:2px;color:{colour};"


def _text(text: str) -> str:
    """Plotly's text subset (escaped text, <b>, <br>) as safe HTML."""
    out = []
    for part in _TAG.split(str(text)):
        if part in _OWN_TAGS:
            out.append(_OWN_TAGS[part])
        elif part:
            out.append(html.escape(html.unescape(part), quote=False))
    return "".join(out)


def _bars(trace: Mapping[str, Any], at) -> list[str]:
    marker = trace.get("marker") or {}
    colours = marker.get("color", style.DARK_BLUE)
    patterns = (marker.get("pattern") or {}).get("shape")
    width = float(trace.get("width") or 0)
    out = []
    for i, (x, centre) in enumerate(zip(trace.get("x") or [], trace.get("y") or [], strict=False)):
        if x is None or (isinstance(x, float) and math.isnan(x)) or not isinstance(centre, int | float):
            continue  # not reported: no bar, as on the chart itself
        colour = colours[i] if isinstance(colours, list) else colours
        hatched = isinstance(patterns, list) and i < len(patterns) and patterns[i]
        fill = f"background:{html.escape(str(colour), quote=True)};"
        if hatched:
            fill += f"background-image:{_HATCH};"
        out.append(_box(f"left:0;width:{at(x)};top:{centre - width / 2:.1f}px;height:{width:.1f}px;{fill}"))
    return out


def _shape(shape: Mapping[str, Any], at) -> str:
    x0, x1 = float(shape["x0"]), float(shape["x1"])
    y0, y1 = float(shape["y0"]), float(shape["y1"])
    place = f"top:{min(y0, y1):.1f}px;height:{abs(y1 - y0):.1f}px;"
    if shape.get("type") == "rect":
        colour = html.escape(str(shape.get("fillcolor", style.TARGET_BAND)), quote=True)
        low, high = at(min(x0, x1)), at(max(x0, x1))
        return _box(f"left:{low};width:calc({high} - {low});{place}background:{colour};")
    line = shape.get("line") or {}
    colour = html.escape(str(line.get("color", style.ORANGE)), quote=True)
    kind = "dotted" if line.get("dash") else "solid"
    border = f"border-left:{int(line.get('width', 2))}px {kind} {colour};"
    return _box(f"left:{at(x0)};{place}{border}margin-left:-1px;")


def _x_axis(axis: Mapping[str, Any], low: float, high: float, at, left_margin: int) -> str:
    colour = style.AXIS
    parts = [_box(f"left:0;right:0;bottom:-1px;border-top:1px solid {colour};")]
    values = axis.get("tickvals") or _ticks(low, high)
    texts = axis.get("ticktext") or [_tick_text(v, axis.get("ticksuffix", "")) for v in values]
    for i, (value, text) in enumerate(zip(values, texts, strict=False)):
        if not low <= float(value) <= high:
            continue
        parts.append(_box(f"left:{at(value)};bottom:-6px;height:5px;border-left:1px solid {colour};"))
        if float(value) == low and left_margin < 20:
            continue  # Plotly hides a label that would cross the figure's edge
        parts.append(
            _box(
                f"left:{at(value)};top:calc(100% + 8px);transform:translateX(-50%);"
                f"font-size:{style.TICK_SIZE}px;color:{colour};white-space:nowrap;",
                _text(text),
                cls="fb-tick fb-tick-odd" if i % 2 else "fb-tick",
            )
        )
    title = (axis.get("title") or {}).get("text")
    if title:
        parts.append(
            _box(
                f"left:0;right:0;top:calc(100% + 33px);text-align:center;font-size:{style.TICK_SIZE}px;"
                f"line-height:{style.LINE_PX[style.TICK_SIZE]}px;color:{colour};",
                _text(title),
            )
        )
    return "".join(parts)


def _paper_notes(layout: Mapping[str, Any], left: int, plot_bottom: float) -> list[str]:
    """The source line: anchored under the plot, shifted to the figure's left edge."""
    out = []
    for note in layout.get("annotations") or []:
        if note.get("yref") != "paper":
            continue
        x = left + float(note.get("xshift", 0))
        y = plot_bottom - float(note.get("yshift", 0))
        css = f"left:{x:.1f}px;top:{y:.1f}px;{_font(note)}white-space:nowrap;"
        out.append(_box(css, _text(note.get("text", ""))))
    return out


def _ticks(low: float, high: float, wanted: int = 10) -> list[float]:
    """Plotly's automatic ticks at page width: a tenth of the range, rounded
    up to 1, 2 or 5 times a power of ten. On a narrow chart every other
    label is hidden (CSS), as Plotly draws fewer there."""
    span = high - low
    raw = span / wanted
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _tick_text(value: float, suffix: str) -> str:
    # Plotly's default: plain digits under 10,000, then k and M.
    value = float(value)
    for size, letter in ((1e6, "M"), (1e3, "k")):
        if abs(value) >= 10_000 and abs(value) >= size:
            value, unit = value / size, letter
            break
    else:
        unit = ""
    number = f"{value:.0f}" if value.is_integer() else f"{value:g}"
    return style.escape(number + unit + suffix)
