"""Long pages stay readable at scale (issue 26, review M16): on a synthetic
database of 200,000 outputs, every page, and each barrier's page, is opened
in Chromium at 1440x900 and its height measured; none is taller than 10
screens. The database is built once for this module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fivebarriers.data import synth
from fivebarriers.views import navigation
from tests.conftest import PAGE_HEIGHT_JS, PATIENCE_MS, AppServer, assert_no_exception, screenshot, visit

pytestmark = pytest.mark.browser

OUTPUTS = 200_000
WIDTH, HEIGHT = 1440, 900
SCREENS = 10
BARRIERS = ("structures", "priorities", "funding", "data-sharing", "culture")


@pytest.fixture(scope="module")
def scale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    path = tmp_path_factory.mktemp("scale") / "synth.duckdb"
    synth.synth(path, OUTPUTS)
    server = AppServer(Path(path))
    yield server
    server.stop()


def addresses() -> list[str]:
    pages = [p.url_path for p in navigation.PAGES]
    return pages + [f"barriers?barrier={b}" for b in BARRIERS]


def test_no_page_is_taller_than_ten_screens_at_200000_outputs(scale_server, browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    pg = context.new_page()
    heights: dict[str, int] = {}
    try:
        for address in addresses():
            url = f"{scale_server.url}/{'' if address == 'overview' else address}"
            visit(pg, url, timeout=PATIENCE_MS)
            assert_no_exception(pg)
            heights[address] = int(pg.evaluate(PAGE_HEIGHT_JS))
            if heights[address] > SCREENS * HEIGHT:
                screenshot(pg, f"too-tall-{address.replace('?', '-').replace('=', '-')}")
    finally:
        context.close()
    print({a: f"{h:,} px ({h / HEIGHT:.1f} screens)" for a, h in heights.items()})
    too_tall = {a: h for a, h in heights.items() if h > SCREENS * HEIGHT}
    assert not too_tall, f"taller than {SCREENS} screens of {HEIGHT} px: {too_tall}"
