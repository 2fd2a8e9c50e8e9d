"""Every page in real headless Chromium: no exception, a screenshot to look
at, 0 WCAG 2.2 A/AA violations from axe-core, and every filter reachable and
usable from the keyboard alone (the URL changes when a choice is made)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from fivebarriers.views import navigation
from tests.conftest import (
    AppServer,
    assert_no_exception,
    axe_violations,
    describe_violations,
    full_height,
    open_page,
    screenshot,
    visit,
    wait_for_app,
)

pytestmark = pytest.mark.browser

# Page url_path -> (query string to open, text that must be on it, the filters' labels).
PAGES = {
    # issue 25: the report compares the Hub with its original goal, so the page does, in its words
    "overview": ("", "the report says this passed its original goal of 100", ["Show results for"]),
    "barriers": ("?barrier=data-sharing", "6 of 13 places", ["Barrier"]),
    "places": ("?place=liverpool", "Good Help Hub, Croxteth", ["Place"]),
    "departments": ("?department=mhclg", "DCLG → MHCLG → DLUHC → MHCLG", ["Department"]),
    "explorer": (
        "",
        "23 results match",
        [
            "Barrier",
            "Place",
            "Department",
            "Programme",
            "Result or forecast",
            "Figure published or not",
            "Strength of evidence",
            "Department's role",
            "Pilot",
            "Rows",
            "Columns",
        ],
    ),
    "sources": ("", "Known limitations", []),
    # issue 27: with nothing saved, one sentence on how to run a workshop, and no empty chart
    "workshops": ("", "No workshop has saved its room's answers yet", []),
}


def _url(app_server, url_path: str, query: str = "") -> str:
    # The default page lives at the root; /overview redirects there.
    return f"{app_server.url}/{'' if url_path == navigation.PAGES[0].url_path else url_path}{query}"


def test_the_pages_are_registered_in_menu_order():
    # Other pages (upload, present) may sit among them; these keep their order.
    registered = [p.url_path for p in navigation.PAGES if p.url_path in PAGES]
    assert registered == list(PAGES)


def test_a_deep_link_as_the_first_request_gets_the_whole_service(built_db, page):
    # Streamlit starts a server in "pages/ directory" mode until app.py has run
    # once; the first visitor after a restart, arriving by a shared link, must
    # still get the menu, header, footer and the page the link names.
    server = AppServer(built_db)
    try:
        open_page(page, f"{server.url}/places?place=east-sussex")
        assert_no_exception(page)
        assert page.title() == "East Sussex · Places · Five Barriers"
        assert page.locator(".st-key-fb_menu a").count() >= 10
        assert page.locator(".st-key-fb_header").count() == 1
        assert page.locator(".st-key-fb_footer").count() == 1
        # The place the link names comes first, the national map folded below it (issue 26).
        assert page.locator('[data-testid="stMain"] h2', has_text="East Sussex").count() >= 1
        assert "See all places on a map" in page.inner_text('[data-testid="stMain"]')
    finally:
        server.stop()


def test_navigation_lists_each_page_once(app_server, page):
    open_page(page, app_server.url)
    nav = page.locator('[data-testid="stSidebar"] .st-key-fb_menu a')
    # Each link's text is its icon's ligature name, then the title.
    titles = [nav.nth(i).inner_text().strip().splitlines()[-1].strip() for i in range(nav.count())]
    for spec in navigation.PAGES:
        if spec.url_path in PAGES:
            assert titles.count(spec.title) == 1, titles
    # Every page is listed (none folded away behind "View more"), under the search box.
    assert len(titles) == sum(1 for spec in navigation.PAGES if not spec.hidden), titles
    search = page.locator('[data-testid="stSidebar"] input[aria-label="Search"]').bounding_box()
    assert search and search["y"] < nav.first.bounding_box()["y"], "the search box should top the sidebar"


@pytest.mark.parametrize("url_path", list(PAGES))
def test_page_opens_cleanly_passes_axe_and_every_filter_is_reachable_by_keyboard(app_server, tab, url_path):
    page = tab
    # One opening of the page for every check on it: a page takes seconds to
    # open on a shared machine, the checks a fraction of that.
    query, expected, labels = PAGES[url_path]
    visit(page, _url(app_server, url_path, query))
    assert_no_exception(page)
    assert expected in page.inner_text("body")
    full_height(page)
    screenshot(page, f"page-{url_path}")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    assert_every_filter_is_reachable_by_keyboard(page, labels)


def _focus_start(page) -> None:
    # Start from the top of the document, as a keyboard user arriving would.
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.focus(); }")


def _focused_label(page) -> str | None:
    """The accessible name of the focused form field (select box or number
    input), if the focus is on one."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el.tagName !== 'INPUT') return null;
            if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
            const box = el.closest(
                '[data-testid="stNumberInput"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"]'
            );
            const label = box && box.querySelector('label');
            return label ? label.innerText.trim() : null;
        }"""
    )


def assert_every_filter_is_reachable_by_keyboard(page, labels: list[str]) -> None:
    _focus_start(page)
    reached: set[str] = set()
    for _ in range(250 if labels else 0):
        page.keyboard.press("Tab")
        label = _focused_label(page)
        if label:
            reached.add(label)
        if reached >= set(labels):
            break
    assert set(labels) <= reached, f"not reached by Tab: {set(labels) - reached}"


def _tab_to(page, label: str) -> None:
    _focus_start(page)
    for _ in range(250):
        page.keyboard.press("Tab")
        if _focused_label(page) == label:
            return
    raise AssertionError(f"{label} not reachable by Tab")


# The option the focused list box has highlighted, once its list is open.
_HIGHLIGHTED_JS = """() => {
    const el = document.activeElement;
    return el && el.getAttribute('aria-expanded') === 'true' && el.getAttribute('aria-activedescendant');
}"""


def _choose_the_next_option(page) -> None:
    """Open the focused list, move one option down and choose it, as a keyboard
    user watching the screen does: each key waits for the list to show the last
    one. (Pressed blind, the second arrow can land before the Places list of 44
    has opened on a busy machine, and Enter then chooses the place already
    shown: CI failed that way once.)"""
    # A key pressed while the page is still busy drawing can be lost, and a
    # reader who sees the list stay shut presses it again.
    for _ in range(4):
        page.keyboard.press("ArrowDown")
        try:
            page.wait_for_function(_HIGHLIGHTED_JS, timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    opened_on = page.evaluate(_HIGHLIGHTED_JS)
    assert opened_on, "the list did not open for ArrowDown, pressed four times"
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"() => ({_HIGHLIGHTED_JS})() !== {opened_on!r}", timeout=15_000)
    page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("url_path", "label", "param"),
    [
        ("overview", "Show results for", "programme"),
        ("barriers", "Barrier", "barrier"),
        ("places", "Place", "place"),
        ("departments", "Department", "department"),
        ("explorer", "Barrier", "barrier"),
        ("explorer", "Rows", "rows"),
    ],
)
def test_a_filter_can_be_used_by_keyboard(app_server, page, url_path, label, param):
    open_page(page, _url(app_server, url_path))
    before = page.url
    _tab_to(page, label)
    _choose_the_next_option(page)
    page.wait_for_url(re.compile(rf"[?&]{param}="), timeout=15_000)
    wait_for_app(page)
    assert page.url != before
    assert_no_exception(page)


def test_explorer_pager_only_when_there_is_a_second_page(app_server, page):
    # 23 outputs fit on one page of 50: no pager; a link to page 2 says so.
    open_page(page, f"{app_server.url}/explorer")
    assert page.locator('[data-testid="stNumberInput"]', has_text="Page").count() == 0
    open_page(page, f"{app_server.url}/explorer?page=2")
    assert_no_exception(page)
    assert "these results fit on one page" in page.inner_text("body")


def test_bad_url_value_shows_a_message_not_an_exception(app_server, page):
    open_page(page, f"{app_server.url}/places?place=atlantis")
    assert_no_exception(page)
    body = page.inner_text("body")
    assert "atlantis" in body and "not in the data" in body
    assert "Good Help Hub, Croxteth" in body  # the default place, Liverpool


def test_no_page_asks_another_server_for_anything(app_server, page):
    # The workshop laptop may be offline, and a reader's visit is nobody
    # else's business: every request stays on the app's own server (a
    # :material/…: page icon once made the browser fetch it from Google).
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    for address in ("/", "/places?place=liverpool", "/present", "/search?q=good+help"):
        open_page(page, app_server.url + address)
    assert asked, "no request was seen"
    elsewhere = sorted(
        {
            url
            for url in asked
            if not url.startswith(app_server.url) and not url.startswith(("data:", "blob:"))
        }
    )
    assert elsewhere == []
