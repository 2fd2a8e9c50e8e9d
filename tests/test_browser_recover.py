"""A page that updates itself comes back if Streamlit's page code stops
(views/recover.py). Under load, the presenter view once went blank for good:
Streamlit's code stopped on an error inside it ("'setIn' cannot be called on
an ElementNode"), React emptied the page and its connection closed
(test_browser_room's report). Here the page is emptied as that error does, and
the view must come back from its address, the same session included; past two
reloads a minute, a sentence and a link say what happened instead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PATIENCE_MS, open_page, wait_for_app

pytestmark = pytest.mark.browser

EMPTY_THE_PAGE = "() => { window.__fbBefore = true; document.getElementById('root').replaceChildren(); }"


def _reloaded(pg) -> bool:
    return pg.evaluate("() => window.__fbBefore === undefined")


@pytest.mark.parametrize("path", ["present?view=presenter&place=bodmin", "vote"])
def test_an_emptied_page_loads_itself_again_with_its_address(app_server, page, path):
    open_page(page, f"{app_server.url}/{path}")
    page.wait_for_timeout(500)  # the recovery component mounts with the page
    address = page.url
    page.evaluate(EMPTY_THE_PAGE)
    page.wait_for_function("() => window.__fbBefore === undefined", timeout=PATIENCE_MS)
    wait_for_app(page, timeout=PATIENCE_MS)
    assert page.url == address
    if "presenter" in path:
        code = re.search(r"session=([A-Z0-9]+)", address).group(1)
        expect(page.get_by_text(f"type the code {code}")).to_be_visible(timeout=PATIENCE_MS)
    else:
        expect(page.get_by_text("Scan the QR code on the screen")).to_be_visible(timeout=PATIENCE_MS)


def test_a_page_that_keeps_stopping_says_so_instead_of_reloading_for_ever(app_server, page):
    open_page(page, f"{app_server.url}/vote")
    page.evaluate("() => sessionStorage.clear()")
    for _ in range(2):
        page.wait_for_timeout(500)
        page.evaluate(EMPTY_THE_PAGE)
        page.wait_for_function("() => window.__fbBefore === undefined", timeout=PATIENCE_MS)
        wait_for_app(page, timeout=PATIENCE_MS)
    page.wait_for_timeout(500)
    page.evaluate(EMPTY_THE_PAGE)
    alert = page.get_by_role("alert")
    expect(alert).to_have_text("This page stopped working. Load the page again", timeout=PATIENCE_MS)
    assert not _reloaded(page)
    assert alert.get_by_role("link", name="Load the page again").get_attribute("href") == page.url
