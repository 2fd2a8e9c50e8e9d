"""A case-study chart as inline SVG, drawn from the storyboard alone: the same
drawing on a projected slide and on the printed handout.

Horizontal bars from zero, each labelled directly with its honest figure
("over 550 people (5.5× the goal)"); the goal in orange, and expected results
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
    width: float  # the whole drawing
    height: float  # the bars' area; bars share it
    font: float  # labels and figures
    label_width: float  # the category column, left of the axis
    figure_width: float  # room right of the longest bar for its figure


SLIDE = Size(width=1760, height=400, font=34, label_width=380, figure_width=620)
PAGE = Size(width=640, height=150, font=13, label_width=170, figure_width=250)


def _tspans(text: str, x: float, chars: int) -> str:
    """Text wrapped onto lines of `chars`, centred on the text's y."""
    lines = textwrap.wrap(text, chars) or [""]
    first = -(len(lines) - 1) * 0.6
    return "".join(
        f'<tspan x="{x:.1f}" dy="{(first if i == 0 else 1.2):.2f}em">{escape(line, quote=False)}</tspan>'
        for i, line in enumerate(lines)
    )


def svg(chart: SlideChart, size: Size = SLIDE, element_id: str = "chart") -> str:
    n = max(len(chart.bars), 1)
    pitch = size.height / n
    bar_h = min(pitch * 0.62, size.font * 3.2)
    plot_w = size.width - size.label_width - size.figure_width
    top = max([v for v in chart.values if v is not None] or [1]) or 1
    # Characters per line, from the average width of a sans-serif glyph (~0.52 em).
    label_chars = max(8, int(size.label_width / (size.font * 0.52)) - 1)
    figure_chars = max(10, int(size.figure_width / (size.font * 0.55)) - 1)
    rows = []
    for i, bar in enumerate(chart.bars):
        mid = pitch * i + pitch / 2
        length = 0.0 if bar.value is None else plot_w * max(bar.value, 0) / top
        fill = FILL.get(bar.role, charts.DARK_BLUE).format(id=element_id)
        stroke = STROKE.get(bar.role, "none")
        weight = "bold" if bar.role in ("achieved", "expected", "not reported") else "normal"
        rows.append(
            f'<text x="{size.label_width - 12:.1f}" y="{mid:.1f}" text-anchor="end" '
            f'dominant-baseline="middle">{_tspans(bar.category, size.label_width - 12, label_chars)}</text>'
            f'<rect x="{size.label_width:.1f}" y="{mid - bar_h / 2:.1f}" width="{length:.1f}" '
            f'height="{bar_h:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="{size.font / 10:.1f}"/>'
            f'<text x="{size.label_width + length + 12:.1f}" y="{mid:.1f}" font-weight="{weight}" '
            f'dominant-baseline="middle">'
            f"{_tspans(bar.text, size.label_width + length + 12, figure_chars)}</text>"
        )
    hatch = size.font / 2.5
    defs = "".join(
        f'<pattern id="{element_id}-hatch-{name}" width="{hatch:.1f}" height="{hatch:.1f}" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="{hatch:.1f}" height="{hatch:.1f}" fill="white"/>'
        f'<rect width="{hatch / 2:.1f}" height="{hatch:.1f}" fill="{colour}"/></pattern>'
        for name, colour in (("expected", charts.TURQUOISE), ("goal", charts.ORANGE))
    )
    axis = (
        f'<line x1="{size.label_width:.1f}" y1="0" x2="{size.label_width:.1f}" y2="{size.height:.1f}" '
        f'stroke="{charts.AXIS}" stroke-width="{size.font / 12:.1f}"/>'
    )
    return (
        f'<svg class="chart" role="img" aria-label="{escape(chart.alt_text)}" '
        f'viewBox="0 0 {size.width:.0f} {size.height:.0f}" font-size="{size.font:.1f}" '
        f'fill="{charts.TEXT}" font-family="{charts.FONT}" xmlns="http://www.w3.org/2000/svg">'
        f"<defs>{defs}</defs>{axis}{''.join(rows)}</svg>"
    )
