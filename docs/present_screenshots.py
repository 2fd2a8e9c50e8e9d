"""Remake the Present page screenshots in docs/ (README, Workshops section).

    .venv/bin/python -m docs.present_screenshots

Starts the app as the tests do (a database built from data/ in a temporary
folder), then, at 1280×720: every slide of the full session in full screen,
laid out as one contact sheet; the page around slide 3; and the presenter
view (1280×800) with its audience window on slide 3."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from fivebarriers.data import build
from tests.conftest import CHROMIUM, AppServer, wait_for_app

DOCS = Path(__file__).parent


def main() -> None:
    db = Path(tempfile.mkdtemp()) / "fivebarriers.duckdb"
    build.build(db)
    server = AppServer(db)
    shots = Path(tempfile.mkdtemp())
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            ctx = browser.new_context(viewport={"width": 1280, "height": 720})
            pg = ctx.new_page()
            pg.goto(f"{server.url}/present?slide=3")
            wait_for_app(pg)
            expect(pg.locator(".controls .where")).to_have_text("3 of 13", timeout=30_000)
            pg.screenshot(path=str(DOCS / "present-1280x720-page.png"))
            pg.keyboard.press("Home")
            expect(pg.locator(".controls .where")).to_have_text("1 of 13", timeout=30_000)
            pg.keyboard.press("f")
            pg.wait_for_timeout(800)
            for number in range(1, 14):
                expect(pg.locator(".controls .where")).to_have_text(f"{number} of 13", timeout=30_000)
                pg.wait_for_timeout(400)
                pg.screenshot(path=str(shots / f"{number:02d}.png"))
                pg.keyboard.press("ArrowRight")
            tiles = "".join(
                '<img alt="" src="data:image/png;base64,'
                + base64.b64encode((shots / f"{n:02d}.png").read_bytes()).decode()
                + '">'
                for n in range(1, 14)
            )
            sheet = ctx.new_page()
            sheet.set_viewport_size({"width": 1600, "height": 1000})
            sheet.set_content(
                "<style>body{margin:8px;background:#fff;display:grid;"
                "grid-template-columns:repeat(4,1fr);gap:8px}img{width:100%;border:1px solid #B1B4B6}</style>"
                + tiles
            )
            sheet.wait_for_timeout(500)
            sheet.screenshot(path=str(DOCS / "present-1280x720-slides.png"), full_page=True)
            ctx.close()

            ctx = browser.new_context(viewport={"width": 1280, "height": 800})
            presenter = ctx.new_page()
            presenter.goto(f"{server.url}/present?view=presenter&slide=3")
            wait_for_app(presenter)
            expect(presenter.locator(".status .counter")).to_have_text("Slide 3 of 13", timeout=30_000)
            presenter.wait_for_timeout(2500)  # let the timer run a little
            presenter.screenshot(path=str(DOCS / "present-presenter-view.png"))
            ctx.close()
            browser.close()
    finally:
        server.stop()
    for name in ("present-1280x720-page.png", "present-1280x720-slides.png", "present-presenter-view.png"):
        print(DOCS / name, (DOCS / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
