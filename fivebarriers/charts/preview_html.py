"""The parts every HTML stand-in shares (preview.py, preview_map.py,
preview_grid.py, preview_timeline.py): boxes placed in pixels, Plotly's text subset written out
safely, the source line, and the frame around a whole chart.

The frame is as tall as the figure, in the figure's font and colours, and
hidden from screen readers (aria-hidden): the chart's text alternative and
its table are on the page already. Text in a figure is Plotly's small
subset of HTML (`<b>`, `<br>` and escaped text, see style.escape); it is
parsed here and written out escaped again, so nothing from the data can
become markup."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fivebarriers.charts import style

WAITING = "Drawing the interactive chart…"
# With the page's other chart styles (views/chart_panel.py).
CSS = """
.fb-chart-preview { container-type: inline-size; }
@container (max-width: 600px) { .fb-tick-odd, .fb-chart-waiting { display: none; } }
"""

_TAG = re.compile(r"(<b>|</b>|<br>)")
# Plotly's bold is the browser's (700); Streamlit's markdown styles <b> heavier.
_OWN_TAGS = {"<b>": '<span style="font-weight:700">', "</b>": "</span>", "<br>": "<br>"}


def box(css: str, inner: str = "", cls: str = "") -> str:
    named = f' class="{cls}"' if cls else ""
    return f'<div{named} style="position:absolute;{css}">{inner}</div>'


def pair(value: Any) -> bool:
    """An axis range: two numbers."""
    return isinstance(value, Sequence) and len(value) == 2 and all(isinstance(v, int | float) for v in value)


def number(value: Any) -> bool:
    """A value Plotly draws: a number, not NaN (no figure)."""
    return isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value))


def colour(value: Any, default: str) -> str:
    """A colour from the figure, safe inside a style attribute."""
    return html.escape(str(value if value is not None else default), quote=True)


def font(item: Mapping[str, Any]) -> str:
    # Plotly sets an annotation's lines 1.3 em apart, inside a 1 px pad and a 1 px border.
    spec = item.get("font") or {}
    size = int(spec.get("size", style.LABEL_SIZE))
    return f"font-size:{size}px;line-height:1.3;padding:2px;color:{colour(spec.get('color'), style.TEXT)};"


def text(value: Any) -> str:
    """Plotly's text subset (escaped text, <b>, <br>) as safe HTML."""
    out = []
    for part in _TAG.split(str(value)):
        if part in _OWN_TAGS:
            out.append(_OWN_TAGS[part])
        elif part:
            out.append(html.escape(html.unescape(part), quote=False))
    return "".join(out)


def plain_text(value: Any) -> str:
    """Plotly's text subset as one line of escaped text, for SVG <text>,
    which holds no HTML: bold dropped, a line break a space."""
    words = [
        " " if part == "<br>" else part for part in _TAG.split(str(value)) if part not in ("<b>", "</b>")
    ]
    return html.escape(html.unescape("".join(words)), quote=False)


def paper_notes(layout: Mapping[str, Any], left: int, plot_bottom: float) -> list[str]:
    """The source line: anchored under the plot, shifted to the figure's left edge."""
    out = []
    for note in layout.get("annotations") or []:
        if note.get("yref") != "paper":
            continue
        x = left + float(note.get("xshift", 0))
        y = plot_bottom - float(note.get("yshift", 0))
        css = f"left:{x:.1f}px;top:{y:.1f}px;{font(note)}white-space:nowrap;"
        out.append(box(css, text(note.get("text", ""))))
    return out


def margins(layout: Mapping[str, Any]) -> tuple[int, int, int, float]:
    """Left, right and top margins in pixels, and the plot's height."""
    margin = layout.get("margin") or {}
    left, right, top, bottom = (int(margin.get(k, 0)) for k in ("l", "r", "t", "b"))
    return left, right, top, float(layout["height"]) - top - bottom


def figure(layout: Mapping[str, Any], parts: Iterable[str], waiting_at: float = 0) -> str:
    """The whole stand-in: as tall as the figure, with a line saying the
    interactive chart is on its way, where Plotly's camera will be, or
    `waiting_at` pixels down when something of the chart's own is there."""
    right = int((layout.get("margin") or {}).get("r", 0))
    waiting = box(
        # On a phone it would cover the first label: hidden there (CSS).
        f"right:{right}px;top:{waiting_at:.0f}px;font-size:{style.SOURCE_SIZE}px;color:{style.AXIS};",
        html.escape(WAITING),
        cls="fb-chart-waiting",
    )
    family = html.escape(str((layout.get("font") or {}).get("family", style.FONT)), quote=True)
    return (
        f'<div class="fb-chart-preview" aria-hidden="true" style="position:relative;'
        f"height:{int(layout['height'])}px;font-family:{family};color:{style.TEXT};"
        f'background:{style.BACKGROUND};overflow:hidden;">' + "".join(parts) + waiting + "</div>"
    )


def x_axis_html(
    axis: Mapping[str, Any], low: float, high: float, at, left_margin: int, thin: bool = True
) -> str:
    """The x axis under a plot: its line, ticks and labels (Plotly's own
    ticks unless the axis gives them) and its title; `at` places a value.
    `thin`: on a narrow chart every other label is hidden, as Plotly draws
    fewer there (not needed for a handful of labels)."""
    grey = style.AXIS
    parts = [box(f"left:0;right:0;bottom:-1px;border-top:1px solid {grey};")]
    values = axis.get("tickvals") or _ticks(low, high)
    texts = axis.get("ticktext") or [_tick_text(v, axis.get("ticksuffix", "")) for v in values]
    for i, (value, label) in enumerate(zip(values, texts, strict=False)):
        if not low <= float(value) <= high:
            continue
        parts.append(box(f"left:{at(value)};bottom:-6px;height:5px;border-left:1px solid {grey};"))
        if float(value) == low and left_margin < 20:
            continue  # Plotly hides a label that would cross the figure's edge
        parts.append(
            box(
                f"left:{at(value)};top:calc(100% + 8px);transform:translateX(-50%);"
                f"font-size:{style.TICK_SIZE}px;color:{grey};white-space:nowrap;",
                text(label),
                cls="fb-tick fb-tick-odd" if thin and i % 2 else "fb-tick",
            )
        )
    title = (axis.get("title") or {}).get("text")
    if title:
        parts.append(
            box(
                f"left:0;right:0;top:calc(100% + 33px);text-align:center;font-size:{style.TICK_SIZE}px;"
                f"line-height:{style.LINE_PX[style.TICK_SIZE]}px;color:{grey};",
                text(title),
            )
        )
    return "".join(parts)


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
