"""A printable handout of the workshop storyboard: one self-contained HTML file
(no scripts, fonts or images fetched from anywhere), a cover page, one A4 page
per barrier (the barrier, its evidence, the case study's result and what to
do) and a closing page. Every data string is escaped with html.escape."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from fivebarriers.charts import charts
from fivebarriers.workshop.storyboard import Slide, SlideChart, Storyboard

BAR_FILL = {
    "achieved": charts.DARK_BLUE,
    "expected": "url(#hatch-expected)",
    "goal": charts.ORANGE,
    "goal low": charts.ORANGE,
    "goal high": "url(#hatch-goal)",
    "invested": charts.DARK_GREY,
    "not reported": "none",
}

STYLE = f"""
@page {{ size: A4; margin: 16mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: Arial, Helvetica, sans-serif; color: {charts.TEXT}; margin: 0;
  font-size: 12pt; line-height: 1.4; }}
section {{ page-break-after: always; break-after: page; padding: 8mm 0; max-width: 190mm; margin: 0 auto; }}
section:last-child {{ page-break-after: auto; break-after: auto; }}
.kicker {{ color: {charts.DARK_BLUE}; font-weight: bold; border-top: 6px solid {charts.DARK_BLUE};
  padding-top: 4mm; }}
h1 {{ font-size: 22pt; line-height: 1.2; margin: 2mm 0 5mm; }}
h2 {{ font-size: 14pt; margin: 6mm 0 2mm; }}
.tiles {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; }}
.tile strong {{ display: block; font-size: 20pt; color: {charts.DARK_BLUE}; }}
.source {{ color: {charts.AXIS}; font-size: 9pt; margin-top: 6mm; }}
figure {{ margin: 3mm 0; }}
figcaption {{ font-size: 10pt; color: {charts.AXIS}; }}
table {{ border-collapse: collapse; font-size: 10pt; margin-top: 2mm; }}
th, td {{ border-bottom: 1px solid #D9D9D9; padding: 1mm 3mm 1mm 0; text-align: left; }}
@media screen {{ section {{ border-bottom: 1px dashed #D9D9D9; }} }}
"""


def _list(points: Sequence[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    items = "".join(f"<li>{escape(p)}</li>" for p in points)
    return f"<{tag}>{items}</{tag}>" if points else ""


def chart_svg(chart: SlideChart, width: int = 640) -> str:
    """Horizontal bars from zero, each labelled with its honest figure."""
    label_w, bar_h, gap = 190, 34, 14
    plot_w = width - label_w - 230
    top = max([v for v in chart.values if v is not None] or [1])
    height = len(chart.bars) * (bar_h + gap) + gap
    rows = []
    for i, bar in enumerate(chart.bars):
        y = gap + i * (bar_h + gap)
        length = 0 if bar.value is None else plot_w * bar.value / top
        fill = BAR_FILL.get(bar.role, charts.DARK_BLUE)
        stroke = (
            charts.TURQUOISE
            if bar.role == "expected"
            else charts.ORANGE
            if bar.role == "goal high"
            else "none"
        )
        rows.append(
            f'<text x="{label_w - 8}" y="{y + bar_h / 2 + 5}" text-anchor="end" font-size="14">'
            f"{escape(bar.category)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" '
            f'fill="{fill}" stroke="{stroke}"/>'
            f'<text x="{label_w + length + 8:.1f}" y="{y + bar_h / 2 + 5}" font-size="14" font-weight="bold">'
            f"{escape(bar.text)}</text>"
        )
    defs = (
        "<defs>"
        + "".join(
            f'<pattern id="hatch-{name}" width="8" height="8" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="8" height="8" fill="white"/>'
            f'<rect width="4" height="8" fill="{colour}"/></pattern>'
            for name, colour in (("expected", charts.TURQUOISE), ("goal", charts.ORANGE))
        )
        + "</defs>"
    )
    axis = f'<line x1="{label_w}" y1="0" x2="{label_w}" y2="{height}" stroke="{charts.AXIS}"/>'
    return (
        f'<svg role="img" aria-label="{escape(chart.alt_text)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{defs}{axis}{"".join(rows)}</svg>'
    )


def _chart_block(chart: SlideChart) -> str:
    rows = "".join(f"<tr><td>{escape(b.category)}</td><td>{escape(b.text)}</td></tr>" for b in chart.bars)
    return (
        f"<figure><h2>{escape(chart.headline)}</h2>{chart_svg(chart)}"
        f"<figcaption>{escape(chart.subtitle)}. {escape(chart.source)}</figcaption>"
        f"<table><thead><tr><th>Bar</th><th>Figure</th></tr></thead><tbody>{rows}</tbody></table></figure>"
    )


def _section(kicker: str, title: str, body: str, sources: Sequence[str]) -> str:
    unique = list(dict.fromkeys(sources))
    src = "".join(f'<p class="source">{escape(s)}</p>' for s in unique)
    return f'<section><p class="kicker">{escape(kicker)}</p><h1>{escape(title)}</h1>{body}{src}</section>'


def _barrier_page(barrier: Slide, actions: Slide | None) -> str:
    body = "<h2>The evidence and a case study</h2>" + _list(barrier.points)
    if barrier.chart:
        body += _chart_block(barrier.chart)
    sources = [barrier.source]
    if actions:
        body += f"<h2>{escape(actions.title)}</h2>" + _list(actions.points)
        sources.append(actions.source)
    return _section(barrier.kicker, barrier.title, body, sources)


def html_text(story: Storyboard) -> str:
    pages = []
    by_key = {s.key: s for s in story.slides}
    for slide in story.slides:
        if slide.kind == "title":
            pages.append(_section(slide.kicker, slide.title, _list(slide.points), [slide.source]))
        elif slide.kind == "numbers":
            tiles = "".join(
                f'<div class="tile"><strong>{escape(t.value)}</strong>{escape(t.label)}</div>'
                for t in slide.tiles
            )
            body = _list(slide.points) + f'<div class="tiles">{tiles}</div>'
            pages.append(_section(slide.kicker, slide.title, body, [slide.source]))
        elif slide.kind == "barrier":
            pages.append(_barrier_page(slide, by_key.get(f"actions-{slide.barrier_id}")))
        elif slide.kind == "closing":
            pages.append(_section(slide.kicker, slide.title, _list(slide.points), [slide.source]))
    title = story.title + (f": {story.focus}" if story.focus else "")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title)} (handout)</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(pages)}</main></body></html>\n"
    )


def write_handout(story: Storyboard, path: Path | str) -> int:
    data = html_text(story).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
