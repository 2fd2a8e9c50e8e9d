"""The room's question on the projector: every option with its count, plain
words, escaped text, and a QR code drawn here (a data: image, no outside
service) that changes with the join address."""

from __future__ import annotations

import base64
import urllib.parse

from fivebarriers.workshop import room_html
from fivebarriers.workshop.room_model import Question


def test_panel_lists_every_option_with_its_count_and_how_to_join():
    q = Question("q", "Which <b>one</b>?", ("A & B", "C"))
    url = room_html.join_url("https://example.org/fb/", "K7QX2MAB")
    assert url == "https://example.org/fb/vote?c=K7QX2MAB"
    html = room_html.panel(q, (("A & B", 1), ("C", 0)), True, url, "K7QX2MAB")
    assert "Which &lt;b&gt;one&lt;/b&gt;?" in html and "<b>" not in html
    assert '<span class="label">A &amp; B</span>' in html
    assert "1 answer so far." in html
    assert "example.org/fb/vote?c=K7QX2MAB" in html and "https://example.org" not in html.split("img")[-1]
    closed = room_html.panel(q, (("A & B", 2), ("C", 1)), False, url, "K7QX2MAB")
    assert "Answers are closed: 3 answers." in closed


def test_qr_code_is_a_local_image_that_follows_the_join_address():
    url = "https://example.org/vote?c=K7QX2MAB"
    img = room_html.qr_img(url)
    assert 'alt="QR code for the join address"' in img
    src = img.split('src="')[1].split('"')[0]
    assert src.startswith("data:image/svg+xml")
    svg = (
        urllib.parse.unquote(src.split(",", 1)[1])
        if ";base64" not in src
        else base64.b64decode(src.split(",", 1)[1]).decode()
    )
    assert "<svg" in svg and "<path" in svg
    assert room_html.qr_img(url) == img and room_html.qr_img(url + "X") != img
