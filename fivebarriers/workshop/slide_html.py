"""A slide as HTML for the Present page's 16:9 frame, and the speaker's
material (notes, the chart in words and as a table, each statement's source)
for the presenter view.

Everything is laid out on a 1920×1080 design canvas, in units that scale with
the frame (the page's CSS defines them), so a slide wraps the same way on a
1024×768 laptop and a 3840×2160 projector: if it fits once, it fits
everywhere. Only what the room needs is on the slide: kicker, one message,
its figure, one source line and the counter. Every data string goes through
html.escape; nothing from the database is ever markup."""

from __future__ import annotations

from html import escape

from fivebarriers.workshop import chart_svg
from fivebarriers.workshop.model import Slide


def _list(points: tuple[str, ...], cls: str) -> str:
    if not points:
        return ""
    items = "".join(f"<li>{escape(p)}</li>" for p in points)
    return f'<ul class="{cls}">{items}</ul>'


def _figure(slide: Slide) -> str:
    chart = slide.chart
    assert chart is not None
    # The headline and bars take the slide's height; the case study stands
    # beside them, as in the deck, so the chart keeps 60% of the slide.
    return (
        '<figure class="figure"><div class="chart-main">'
        f'<p class="headline">{escape(chart.headline)}</p>'
        f"{chart_svg.svg(chart, chart_svg.SLIDE, f'chart-{slide.key}')}</div>"
        f'<p class="subtitle">{escape(chart.subtitle)}</p>'
        "</figure>"
    )


def _body(slide: Slide) -> str:
    if slide.kind == "numbers":
        tiles = "".join(
            f'<div class="tile"><p class="value">{escape(t.value)}</p>'
            f'<p class="label">{escape(t.label)}</p></div>'
            for t in slide.tiles
        )
        lead = f'<p class="lead">{escape(slide.points[0])}</p>' if slide.points else ""
        return f'{lead}<div class="tiles">{tiles}</div>'
    if slide.chart:
        return _list(slide.points, "points compact") + _figure(slide)
    cls = "points letters" if slide.kind == "actions" else "points"
    return _list(slide.points, cls)


def slide_html(slide: Slide, number: int, total: int) -> str:
    """The inside of the 16:9 frame for one slide."""
    return (
        f'<div class="slide kind-{escape(slide.kind)}{" has-chart" if slide.chart else ""}" '
        f'data-slide="{number}">'
        f'<p class="kicker">{escape(slide.kicker)}</p>'
        f'<h2 class="title">{escape(slide.title)}</h2>'
        f'<div class="body">{_body(slide)}</div>'
        f'<div class="foot"><p class="source">{escape(slide.source)}</p>'
        f'<p class="count" aria-label="Slide {number} of {total}">{number} of {total}</p></div>'
        "</div>"
    )


def notes_html(slide: Slide) -> str:
    """What the speaker reads, never the room: notes, the chart in words and as a
    table, and where each statement on the slide comes from."""
    parts = [f"<p>{escape(slide.notes)}</p>"]
    if slide.chart:
        rows = "".join(
            f"<tr><td>{escape(b.category)}</td><td>{escape(b.text)}</td></tr>" for b in slide.chart.bars
        )
        parts.append(
            f"<h3>The chart in words</h3><p>{escape(slide.chart.alt_text)}</p>"
            "<table><thead><tr><th scope='col'>Bar</th><th scope='col'>Figure</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    if slide.citations:
        items = "".join(
            f"<li>{escape(text)} <span class='cite'>{escape(source)}</span></li>"
            for text, source in slide.citations
        )
        parts.append(f"<h3>Where each statement comes from</h3><ul>{items}</ul>")
    return "".join(parts)
