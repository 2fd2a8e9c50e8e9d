"""A printable handout of the workshop storyboard: one self-contained HTML file
(no scripts, fonts or images fetched from anywhere) that prints on exactly one
A4 title page plus one A4 page per barrier.

The title page holds the session, the programme in numbers and what worked;
each barrier page holds the barrier, its finding, the case study's result
(chart and table), what departments can do, and where each statement comes
from. Every data string is escaped with html.escape."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from fivebarriers.charts import charts
from fivebarriers.workshop import chart_svg, wording
from fivebarriers.workshop.model import Slide, SlideChart, Storyboard

STYLE = f"""
@page {{ size: A4; margin: 14mm 16mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: Arial, Helvetica, sans-serif; color: {charts.TEXT}; margin: 0;
  font-size: 11pt; line-height: 1.35; }}
section {{ break-after: page; page-break-after: always; max-width: 178mm; margin: 0 auto; }}
section:last-child {{ break-after: auto; page-break-after: auto; }}
.kicker {{ color: {charts.DARK_BLUE}; font-weight: bold; border-top: 5px solid {charts.DARK_BLUE};
  padding-top: 3mm; margin: 0; }}
h1 {{ font-size: 19pt; line-height: 1.2; margin: 2mm 0 4mm; }}
h2 {{ font-size: 13pt; margin: 5mm 0 1.5mm; }}
ul, ol {{ margin: 1mm 0; padding-left: 6mm; }}
li {{ margin-bottom: 1mm; }}
.tiles {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm 5mm; margin-top: 2mm; }}
.tile strong {{ display: block; font-size: 17pt; color: {charts.DARK_BLUE}; }}
figure {{ margin: 2mm 0; break-inside: avoid; }}
figure .headline {{ font-weight: bold; margin: 0; }}
figcaption {{ font-size: 9.5pt; color: {charts.AXIS}; }}
table {{ border-collapse: collapse; font-size: 9.5pt; margin-top: 1mm; }}
th, td {{ border-bottom: 1px solid #D9D9D9; padding: 0.6mm 3mm 0.6mm 0; text-align: left; }}
.sources {{ color: {charts.AXIS}; font-size: 8.5pt; line-height: 1.3; margin-top: 4mm;
  border-top: 1px solid #D9D9D9; padding-top: 1.5mm; }}
.sources h2 {{ font-size: 9pt; margin: 0 0 1mm; color: {charts.AXIS}; }}
.sources li {{ margin-bottom: 0.6mm; }}
@media screen {{ section {{ border-bottom: 1px dashed #D9D9D9; padding: 8mm 0; }} }}
"""


def _list(points: Sequence[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    items = "".join(f"<li>{escape(p)}</li>" for p in points)
    return f"<{tag}>{items}</{tag}>" if points else ""


def chart_svg_block(chart: SlideChart, element_id: str) -> str:
    """The chart as drawn on the slide, sized for A4, with its table."""
    rows = "".join(f"<tr><td>{escape(b.category)}</td><td>{escape(b.text)}</td></tr>" for b in chart.bars)
    return (
        f'<figure><p class="headline">{escape(chart.headline)}</p>'
        f"{chart_svg.svg(chart, chart_svg.PAGE, element_id)}"
        f"<figcaption>{escape(chart.subtitle)}</figcaption>"
        '<table><thead><tr><th scope="col">Bar</th><th scope="col">Figure</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></figure>"
    )


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _sources(slides: Sequence[Slide | None]) -> str:
    """Each statement on the page with its own source (a page that mixes sources
    lists each): documents numbered once, then each statement with its
    document's number and section. Statements met twice are listed once."""
    seen: dict[str, str] = {}
    for slide in slides:
        for text, source in slide.citations if slide else ():
            seen.setdefault(text, source)
    if not seen:
        return ""
    documents: list[str] = []
    items = []
    for text, source in seen.items():
        refs = []
        for title, sections in wording.source_pairs(source) or [(source.removeprefix("Source: "), "")]:
            if title not in documents:
                documents.append(title)
            refs.append(f"[{documents.index(title) + 1}]" + (f" {sections}" if sections else ""))
        items.append(f"<li>{escape(_short(text))}: {escape('; '.join(refs))}</li>")
    docs = " ".join(f"[{i}] {escape(title)}." for i, title in enumerate(documents, start=1))
    return (
        '<div class="sources"><h2>Where each statement comes from</h2>'
        f"<p>{docs}</p><ul>{''.join(items)}</ul></div>"
    )


def _section(kicker: str, title: str, body: str) -> str:
    return f'<section><p class="kicker">{escape(kicker)}</p><h1>{escape(title)}</h1>{body}</section>'


def _title_page(story: Storyboard) -> str:
    by_kind = {s.kind: s for s in story.slides}
    title, numbers, closing = by_kind.get("title"), by_kind.get("numbers"), by_kind.get("closing")
    body = _list(title.points) if title else ""
    if numbers:
        tiles = "".join(
            f'<div class="tile"><strong>{escape(t.value)}</strong>{escape(t.label)}</div>'
            for t in numbers.tiles
        )
        body += f"<h2>{escape(numbers.title)}</h2>" + _list(numbers.points)
        body += f'<div class="tiles">{tiles}</div>'
    if closing:
        body += f"<h2>{escape(closing.title)}</h2>" + _list(closing.points)
    body += _sources([numbers, closing])
    heading = title.title if title else story.title
    return _section("Workshop handout" + (f" · {story.focus}" if story.focus else ""), heading, body)


def _barrier_page(barrier: Slide, actions: Slide | None) -> str:
    body = "<h2>The evidence and a case study</h2>" + _list(barrier.points)
    if barrier.chart:
        body += chart_svg_block(barrier.chart, f"handout-{barrier.key}")
    if actions:
        body += f"<h2>{escape(actions.title)}</h2>" + _list(actions.points)
    body += _sources([barrier, actions])
    return _section(barrier.kicker, barrier.title, body)


def page_count(story: Storyboard) -> int:
    """Printed A4 pages: the title page and one per barrier."""
    return 1 + sum(1 for s in story.slides if s.kind == "barrier")


def html_text(story: Storyboard) -> str:
    by_key = {s.key: s for s in story.slides}
    pages = [_title_page(story)]
    pages += [
        _barrier_page(s, by_key.get(f"actions-{s.barrier_id}")) for s in story.slides if s.kind == "barrier"
    ]
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
