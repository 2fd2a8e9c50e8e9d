"""The pilot finder in Chromium (issue 28): a pilot is chosen by keyboard
alone and by mouse, on a laptop and a phone, on the curated data and on a
database with 3,000 pilots; the address then names the pilot, the browser
never receives every pilot's name, the open list holds only a few, and axe
finds nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fivebarriers.data import synth
from fivebarriers.views import pilot_finder
from tests.conftest import (
    PATIENCE_MS,
    AppServer,
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    sized_page,
    wait_for_app,
)
from tests.test_browser_pages import _tab_to

pytestmark = pytest.mark.browser

SIZES = {"laptop": (1440, 900), "phone": (390, 844)}
# (words typed in the finder, the start of the pilot's label, its id,
#  and a pilot's name the page must not send before it is searched for)
CHOICES = {
    "curated": ("bodmin", "Bodmin skills and employment pilot", "bodmin-skills", None),
    "many": ("Woodworth family", "Woodworth family hub", "pilot-01552", "Woodworth health prevention pilot"),
}


@pytest.fixture(scope="module")
def many_server(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[AppServer]:
    db: Path = tmp_path_factory.mktemp("finder-browser") / "synth-pilots.duckdb"
    synth.synth(db, 6_000, seed=5, pilots=3_000)
    server = AppServer(db)
    yield server
    server.stop()


def _received(page) -> list[bytes]:
    """Every websocket message the page receives from now on (what the server sent)."""
    frames: list[bytes] = []

    def watch(ws) -> None:
        ws.on("framereceived", lambda data: frames.append(data if isinstance(data, bytes) else data.encode()))

    page.on("websocket", watch)
    return frames


def _open_list_options(page) -> int:
    """How many options the open list holds in the page."""
    page.wait_for_selector('[role="option"]', timeout=PATIENCE_MS)
    return page.locator('[role="option"]').count()


def _choose_by_keyboard(page, words: str, label: str) -> None:
    _tab_to(page, "Find a pilot")
    page.keyboard.type(words)
    page.keyboard.press("Enter")
    wait_for_app(page, timeout=PATIENCE_MS)
    _tab_to(page, "Pilot")
    page.keyboard.press("ArrowDown")  # opens the list
    assert _open_list_options(page) <= pilot_finder.LISTED + 2
    page.keyboard.type(label)
    page.keyboard.press("Enter")


def _choose_by_mouse(page, words: str, label: str) -> None:
    page.get_by_label("Find a pilot", exact=True).click()
    page.keyboard.type(words)
    page.keyboard.press("Enter")
    wait_for_app(page, timeout=PATIENCE_MS)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Pilot").first.click()
    assert _open_list_options(page) <= pilot_finder.LISTED + 2
    page.locator('[role="option"]').filter(has_text=label).first.click()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("way", ["keyboard", "mouse"])
@pytest.mark.parametrize("data", list(CHOICES))
def test_a_pilot_is_found_and_chosen(request, shared_context, data, way, size):
    server = request.getfixturevalue("app_server" if data == "curated" else "many_server")
    words, label, pilot_id, never_sent = CHOICES[data]
    page = sized_page(shared_context, *SIZES[size])
    try:
        frames = _received(page)
        open_page(page, f"{server.url}/pilots")
        assert_no_exception(page)
        if never_sent:
            assert not any(never_sent.encode() in frame for frame in frames), "every pilot was sent"
        (_choose_by_keyboard if way == "keyboard" else _choose_by_mouse)(page, words, label)
        page.wait_for_url(re.compile(rf"[?&]pilot={re.escape(pilot_id)}(&|$)"), timeout=PATIENCE_MS)
        wait_for_app(page, timeout=PATIENCE_MS)
        assert_no_exception(page)
        assert page.locator("h1").first.inner_text().startswith(label)
        if never_sent:
            assert not any(never_sent.encode() in frame for frame in frames), "a pilot was sent unasked"
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
    finally:
        page.close()
