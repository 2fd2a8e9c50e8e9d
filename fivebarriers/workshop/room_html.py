"""The room's question as HTML for the projector: the question, its live
chart (one bar per option, the count written on it), the join address, the
room code and a QR code drawn here by segno (no outside service sees the
address).

Sizes follow the screen's width, as the slides' do, so the smallest text is
1.8% of the screen's width (35 px on a 1920-pixel projector, the size of
a slide chart's text). Every string goes through html.escape; the QR
code is segno's own SVG of the join address."""

from __future__ import annotations

from html import escape

import segno

from fivebarriers.workshop.room_model import Question

# Page CSS for the panel (constant: no data in it). Its smallest text is
# 1.8% of the screen's width, the size of the slides' chart text.
STYLE = """<style>
.room-panel { font-family: "Source Sans Pro", Arial, sans-serif; color: #0B0C0C; background: #FFFFFF;
  width: 100%; box-sizing: border-box; padding: 2.4vw 3vw; display: grid;
  grid-template-columns: 1fr 24%; gap: 2.4vw; border: 1px solid #B1B4B6; }
.room-panel h2 { font-size: 3.2vw; line-height: 1.15; margin: 0 0 1.2vw; padding: 0; font-weight: 700; }
.room-panel .room-status { font-size: 2.2vw; color: #505A5F; margin: 0 0 1vw; }
.room-panel ol { list-style: none; margin: 0; padding: 0; }
.room-panel li { display: grid; grid-template-columns: 38% 1fr; align-items: center; gap: 1vw;
  font-size: 2.2vw; line-height: 1.15; margin: 0 0 0.6vw; }
.room-panel.many li { font-size: 1.8vw; margin-bottom: 0.3vw; }
.room-panel .bar { display: flex; align-items: center; gap: 0.8vw; }
.room-panel .fill { background: #12436D; height: 2.4vw; min-width: 0.3vw; }
.room-panel.many .fill { height: 1.8vw; }
.room-panel .n { font-weight: 700; font-variant-numeric: tabular-nums; }
.room-panel .join { text-align: center; }
.room-panel .join p { font-size: 1.8vw; line-height: 1.2; margin: 0.3vw 0; }
.room-panel .join img.qr { width: 100%; height: auto; display: block; image-rendering: pixelated; }
.room-panel .join p.code { font-size: 3.2vw; font-weight: 700; letter-spacing: 0.2vw; }
.room-panel .join p.address { font-size: 1.8vw; font-weight: 700; word-break: break-all; }
.room-panel h2 { color: #0B0C0C; }
.room-panel p.room-status { font-size: 2.2vw; }
/* Redrawn every second: never faded while the next count is on its way. */
[data-stale="true"]:has(.room-panel) { opacity: 1 !important; transition: none !important; }
</style>"""


def join_url(base_url: str, code: str) -> str:
    """'https://example.org/fivebarriers' + code -> '…/vote?c=CODE'."""
    return f"{base_url.rstrip('/')}/vote?c={code}"


def short_address(url: str) -> str:
    """The join address as people type it: without 'https://'."""
    return url.split("://", 1)[-1]


def qr_img(url: str) -> str:
    """The join address as a QR code: segno's SVG as an image (st.html drops inline
    SVG, and keeps a data: image), with a text alternative."""
    src = segno.make(url, error="m").svg_data_uri(scale=8, dark="#0B0C0C", light="#FFFFFF", border=2)
    return f'<img class="qr" src="{escape(src)}" alt="QR code for the join address">'


def answers_text(total: int) -> str:
    return f"{total} answer" + ("" if total == 1 else "s")


def panel(question: Question, counts: tuple[tuple[str, int], ...], is_open: bool, url: str, code: str) -> str:
    """The room's view of a question: live counts, then how to join."""
    total = sum(n for _, n in counts)
    top = max((n for _, n in counts), default=0) or 1
    rows = "".join(
        f'<li><span class="label">{escape(label)}</span><span class="bar">'
        f'<span class="fill" style="width:{80 * n / top:.1f}%"></span><span class="n">{n}</span></span></li>'
        for label, n in counts
    )
    status = (
        f"{answers_text(total)} so far. Answer on your phone."
        if is_open
        else f"Answers are closed: {answers_text(total)}."
    )
    many = " many" if len(counts) > 6 else ""
    return (
        f'<section class="room-panel{many}" aria-label="The room\'s answers">'
        f"<div><h2>{escape(question.text)}</h2>"
        f'<p class="room-status" role="status">{escape(status)}</p><ol>{rows}</ol></div>'
        f'<div class="join">{qr_img(url)}<p>Go to</p><p class="address">{escape(short_address(url))}</p>'
        f'<p>Code</p><p class="code">{escape(code)}</p></div>'
        "</section>"
    )
