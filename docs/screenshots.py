"""Remake the README's pictures of the champions' pages in docs/ (the Present
page has its own script, docs/present_screenshots.py).

    .venv/bin/python -m docs.screenshots

Starts the app as the tests do (a database built from data/ in a temporary
folder), then in headless Chromium: the Overview, a search for "good help",
the Good Help Hub's page and Liverpool beside East Sussex on a 1366-wide
laptop screen; the Overview and the Places page's cards on a 390-wide phone
(at twice the pixels, as phones draw them). docs/print-places.png, a page of
the printed PDF, is made by hand: Chromium prints PDF, not pictures."""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from fivebarriers.data import build
from tests.conftest import CHROMIUM, PATIENCE_MS, AppServer, open_page, wait_for_app

DOCS = Path(__file__).parent
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# File, address, viewport, and the height to keep (None: the whole page).
SHOTS = (
    ("overview.png", "/", LAPTOP, 1300),
    ("pilot.png", "/pilots?pilot=good-help-hub", LAPTOP, None),
    ("compare.png", "/compare?kind=place&ids=liverpool,east-sussex", LAPTOP, 1078),
    ("phone-overview.png", "/", PHONE, 844),
    ("phone-places-cards.png", "/places?place=liverpool", PHONE, None),
)


def _shoot(pg, path: Path, height: int | None) -> None:
    if height is None:
        pg.screenshot(path=str(path), full_page=True)
        return
    width = pg.viewport_size["width"]
    pg.set_viewport_size({"width": width, "height": max(height, pg.viewport_size["height"])})
    pg.wait_for_timeout(500)  # charts redraw at the new size
    pg.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": width, "height": height})


def main() -> None:
    db = Path(tempfile.mkdtemp()) / "fivebarriers.duckdb"
    build.build(db)
    server = AppServer(db)
    made: list[Path] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, address, viewport, height in SHOTS:
                scale = 2 if viewport is PHONE else 1
                ctx = browser.new_context(viewport=viewport, device_scale_factor=scale)
                pg = ctx.new_page()
                open_page(pg, server.url + address)
                if name == "phone-places-cards.png":
                    pilots = pg.locator('[data-testid="stMain"] h3', has_text="Pilots").first
                    pilots.scroll_into_view_if_needed()
                    pg.set_viewport_size(PHONE)
                    pg.wait_for_timeout(300)
                    pg.screenshot(path=str(DOCS / name))
                else:
                    _shoot(pg, DOCS / name, height)
                made.append(DOCS / name)
                ctx.close()

            # Search: typed into the sidebar box, as a reader would.
            ctx = browser.new_context(viewport={"width": 1366, "height": 700})
            pg = ctx.new_page()
            open_page(pg, server.url)
            box = pg.locator('[data-testid="stSidebar"] input[aria-label="Search"]')
            box.fill("good help")
            box.press("Enter")
            pg.wait_for_url("**/search?q=*", timeout=PATIENCE_MS)
            wait_for_app(pg, timeout=PATIENCE_MS)
            pg.screenshot(path=str(DOCS / "search.png"))
            made.append(DOCS / "search.png")
            ctx.close()
            browser.close()
    finally:
        server.stop()
    for path in made:
        print(path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
