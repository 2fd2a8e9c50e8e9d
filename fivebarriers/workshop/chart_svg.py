"""A case-study chart as inline SVG, drawn from the storyboard alone: the same
drawing on a projected slide and on the printed handout.

Horizontal bars from zero, each labelled directly with its value or range
alone ("over 550", "100"; the unit is in the headline, the full figure in the
table and the text alternative), short enough to stay on one or two lines at
the back of a room; the goal in orange, and expected results
and the top of a range hatched as well as coloured, so colour is never the
only signal. The SVG scales with its viewBox: sizes are given in the units of
the box it is drawn in (design pixels of a 1920×1080 slide, or points on A4).
Every data string is escaped; role="img" and the chart's text alternative
name it for screen readers."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

from fivebarriers.charts import charts
from fivebarriers.workshop.model import SlideChart

FILL = {
    "achieved": charts.DARK_BLUE,
    "expected": "url(#{id}-hatch-expected)",
    "goal": charts.ORANGE,
    "goal low": charts.ORANGE,
    "goal high": "url(#{id}-hatch-goal)",
    "invested": charts.DARK_GREY,
    "not reported": "none",
}
STROKE = {"expected": charts.TURQUOISE, "goal high": charts.ORANGE}


@dataclass(frozen=True)
class Size:
    """Proportions of a chart. Positions are percentages of the drawing, so a
    slide's chart can take whatever height the slide has left; `width`,
    `height` and `font` are only written out for a fixed drawing (print)."""

    width: float
    height: float
    font: float
    label_width: float  # the category column, left of the axis
    figure_width: float  # room right of the longest bar for its figure
    fixed: bool = True


# On a slide the CSS sizes the drawing and its type (in frame units); see slideshow.css:
# the chart is 1240 design pixels wide (the case study stands beside it) and its
# type 40, which is 20 pt on a 7.5-inch slide, as in the deck.
SLIDE = Size(width=1240, height=640, font=40, label_width=340, figure_width=300, fixed=False)
PAGE = Size(width=640, height=150, font=13, label_width=170, figure_width=130)


def _pc(value: float) -> str:
    return f"{value:.2f}%"


def _tspans(text: str, x: str, chars: int) -> str:
    """Text wrapped onto lines of `chars`, centred on the text's y."""
    lines = textwrap.wrap(text, chars) or [""]
    first = -(len(lines) - 1) * 0.6
    return "".join(
        f'<tspan x="{x}" dy="{(first if i == 0 else 1.2):.2f}em">{escape(line, quote=False)}</tspan>'
        for i, line in enumerate(lines)
    )


def svg(chart: SlideChart, size: Size = SLIDE, element_id: str = "chart") -> str:
    n = max(len(chart.bars), 1)
    pitch = 100 / n
    bar_h = pitch * 0.5
    label_pc = 100 * size.label_width / size.width
    plot_pc = 100 * (size.width - size.label_width - size.figure_width) / size.width
    gap_pc = 100 * (size.font * 0.35) / size.width
    top = max([v for v in chart.values if v is not None] or [1]) or 1
    # Characters per line, from the average width of a sans-serif glyph (~0.52 em).
    label_chars = max(8, int(size.label_width / (size.font * 0.52)) - 1)
    figure_chars = max(10, int(size.figure_width / (size.font * 0.55)) - 1)
    rows = []
    for i, bar in enumerate(chart.bars):
        mid = pitch * i + pitch / 2
        length = 0.0 if bar.value is None else plot_pc * max(bar.value, 0) / top
        fill = FILL.get(bar.role, charts.DARK_BLUE).format(id=element_id)
        stroke = STROKE.get(bar.role, "none")
        weight = "bold" if bar.role in ("achieved", "expected", "not reported") else "normal"
        label_x = _pc(label_pc - gap_pc)
        figure_x = _pc(label_pc + length + gap_pc)
        rows.append(
            f'<text x="{label_x}" y="{_pc(mid)}" text-anchor="end" dominant-baseline="middle">'
            f"{_tspans(bar.category, label_x, label_chars)}</text>"
            f'<rect x="{_pc(label_pc)}" y="{_pc(mid - bar_h / 2)}" width="{_pc(length)}" '
            f'height="{_pc(bar_h)}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
            f'<text x="{figure_x}" y="{_pc(mid)}" font-weight="{weight}" dominant-baseline="middle">'
            f"{_tspans(bar.drawn, figure_x, figure_chars)}</text>"
        )
    hatch = 12 if size.fixed is False else size.font / 2.5
    defs = "".join(
        f'<pattern id="{element_id}-hatch-{name}" width="{hatch:.1f}" height="{hatch:.1f}" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="{hatch:.1f}" height="{hatch:.1f}" fill="white"/>'
        f'<rect width="{hatch / 2:.1f}" height="{hatch:.1f}" fill="{colour}"/></pattern>'
        for name, colour in (("expected", charts.TURQUOISE), ("goal", charts.ORANGE))
    )
    axis = (
        f'<line x1="{_pc(label_pc)}" y1="0" x2="{_pc(label_pc)}" y2="100%" '
        f'stroke="{charts.AXIS}" stroke-width="2"/>'
    )
    dims = (
        f'width="{size.width:.0f}" height="{size.height:.0f}" font-size="{size.font:.1f}" '
        if size.fixed
        else ""
    )
    return (
        f'<svg class="chart" role="img" aria-label="{escape(chart.alt_text)}" {dims}'
        f'fill="{charts.TEXT}" font-family="{charts.FONT}">'
        f"<defs>{defs}</defs>{axis}{''.join(rows)}</svg>"
    )
