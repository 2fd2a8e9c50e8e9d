"""The Present page in real headless Chromium, as a facilitator uses it:
keyboard only (→ and ←), the slide number in the URL, type big enough for the
back of a room, the sidebar out of the way, no WCAG 2.2 A/AA violation, and
screenshots at projector sizes under tests/artifacts/."""

from __future__ import annotations

import re

import pytest

from tests.conftest import (
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

COUNTER = ".st-key-slide_counter p"


def _context(browser, width: int, height: int):
    return browser.new_context(viewport={"width": width, "height": height})


def _counter(pg) -> str:
    return pg.locator(COUNTER).first.inner_text().strip()


def _wait_for_slide(pg, number: int, total: int = 13) -> None:
    pg.wait_for_function(
        "([sel, text]) => document.querySelector(sel)?.innerText.trim() === text",
        arg=[COUNTER, f"{number} of {total}"],
        timeout=30_000,
    )
    wait_for_app(pg)


def test_keyboard_moves_slides_and_the_url(app_server, browser):
    ctx = _context(browser, 1920, 1080)
    pg = ctx.new_page()
    try:
        open_page(pg, f"{app_server.url}/present")
        assert_no_exception(pg)
        assert _counter(pg) == "1 of 13"
        pg.mouse.click(8, 500)  # focus the page itself, not a widget
        for expected in (2, 3):
            pg.keyboard.press("ArrowRight")
            _wait_for_slide(pg, expected)
            assert re.search(rf"[?&]slide={expected}(&|$)", pg.url), pg.url
        assert "Whitehall is organised" in pg.locator(".st-key-slide h1").inner_text()
        pg.keyboard.press("ArrowLeft")
        _wait_for_slide(pg, 2)
        assert re.search(r"[?&]slide=2(&|$)", pg.url), pg.url
        assert_no_exception(pg)
    finally:
        ctx.close()


def test_bookmark_opens_the_slide_and_filters(app_server, browser):
    ctx = _context(browser, 1920, 1080)
    pg = ctx.new_page()
    try:
        open_page(pg, f"{app_server.url}/present?slide=3&barrier=data-sharing")
        assert _counter(pg) == "3 of 5"
        assert "There are genuine legal limits" in pg.locator(".st-key-slide h1").inner_text()
        assert "barrier=data-sharing" in pg.url and "slide=3" in pg.url
    finally:
        ctx.close()


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720)])
@pytest.mark.parametrize("slide", [1, 2, 3, 11, 13])
def test_projector_sizes_readable_and_accessible(app_server, browser, width, height, slide):
    ctx = _context(browser, width, height)
    pg = ctx.new_page()
    try:
        open_page(pg, f"{app_server.url}/present?slide={slide}")
        assert_no_exception(pg)
        # Body text on the slide never below 28 px; the title well above it.
        sizes = pg.eval_on_selector_all(
            ".st-key-slide li, .st-key-slide [data-testid='stMarkdownContainer'] p",
            "els => els.filter(e => !e.closest('.st-key-slide_source')"
            " && !e.closest('[data-testid=stCaptionContainer]')"
            " && !e.closest('[role=tabpanel] [data-testid=stMarkdownContainer]') && !e.closest('[role=tab]'))"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))",
        )
        assert sizes and min(sizes) >= 28, sizes
        title_px = pg.eval_on_selector(".st-key-slide h1", "e => parseFloat(getComputedStyle(e).fontSize)")
        assert title_px >= 38
        # No sidebar clutter: it starts collapsed, so the slide uses the full width.
        box = pg.locator(".st-key-slide").bounding_box()
        assert box["x"] < 150 and box["width"] > width * 0.8, box
        # Speaker notes are not on the projected slide.
        assert pg.locator(".st-key-speaker_notes").count() == 0
        screenshot(pg, f"present_{width}x{height}_slide{slide}")
        violations = axe_violations(pg)
        assert not violations, describe_violations(violations)
    finally:
        ctx.close()


def test_speaker_notes_toggle(app_server, browser):
    ctx = _context(browser, 1920, 1080)
    pg = ctx.new_page()
    try:
        open_page(pg, f"{app_server.url}/present?slide=3")
        pg.get_by_text("Show speaker notes").click()
        pg.wait_for_selector(".st-key-speaker_notes", timeout=30_000)
        assert "Why this pilot" in pg.locator(".st-key-speaker_notes").inner_text()
        violations = axe_violations(pg)
        assert not violations, describe_violations(violations)
    finally:
        ctx.close()
