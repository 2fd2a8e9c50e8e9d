"""Any view is a link, and Back works (issue 26, items 3 and 5), played in
real headless Chromium from the home page with mouse and keyboard only, on
a laptop (1440×900) and a phone (390×844): data-sharing in Liverpool copied
with "Copy link to this view" and opened in a fresh browser context shows
the same view and counts; Back after two filter changes in the Results
explorer returns to each earlier view; the browser tab names the entity;
search for "Family Hub" says there is no exact match; the phone's menu
closes after a search."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PATIENCE_MS, assert_no_exception, open_page, screenshot, wait_for_app

pytestmark = pytest.mark.browser

SIZES = {"laptop": (1440, 900), "phone": (390, 844)}
SIDEBAR = '[data-testid="stSidebar"]'


@pytest.fixture(params=list(SIZES))
def sized(request, browser):
    """A page of a new context at this size (and its name), so a phone is a
    phone from its first view (the sidebar starts closed below 768 px)."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield request.param, page
    context.close()


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def menu_open(page) -> bool:
    return page.locator(SIDEBAR).evaluate("el => el.getBoundingClientRect().right > 40")


def go_to(page, size: str, title: str) -> None:
    """Open a page from the menu, as a reader does (on a phone, through its button)."""
    if size == "phone":
        page.get_by_role("button", name="Menu", exact=True).click()
        page.wait_for_function(
            f"() => document.querySelector('{SIDEBAR}').getBoundingClientRect().right > 40"
        )
    page.locator(SIDEBAR).get_by_role("link", name=title, exact=True).click()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=600)


def choose(page, label: str, typed: str) -> None:
    """Pick a select box's option with the keyboard: focus it, type, Enter."""
    box = page.get_by_role("combobox", name=re.compile(f"^{re.escape(label)}"))
    box.first.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=600)


def barrier_view(page) -> dict:
    """What a reader compares: the title, the line saying what the page
    includes, the pickers' values and every count on the page."""
    text = main_text(page)
    return {
        "title": page.title(),
        "showing": [line for line in text.splitlines() if line.startswith("Showing ")],
        # Each select box's label and the choice it shows (its input's value).
        "pickers": [
            (box.inner_text(), box.locator("input").input_value())
            for box in page.locator('[data-testid="stSelectbox"]').all()
        ],
        "counts": re.findall(r"\d[\d,]* (?:worked|were|results?|pilots?|findings?)\b", text),
    }


def test_data_sharing_in_liverpool_copied_as_a_link_opens_the_same_view(app_server, sized, browser):
    size, page = sized
    open_page(page, app_server.url)
    go_to(page, size, "Barriers")
    choose(page, "Barrier", "Data-sharing")
    choose(page, "Place", "Liverpool (council area")
    assert_no_exception(page)
    assert "Showing Liverpool, including Croxteth: 1 finding, 1 pilot and 4 results." in main_text(page)
    before = barrier_view(page)
    assert before["pickers"][:2] == [
        ("Barrier", "4. Data-sharing"),
        ("Place", "Liverpool (council area, in Liverpool City Region)"),
    ]
    assert before["title"] == "Data-sharing in Liverpool, including Croxteth · Barriers · Five Barriers"

    # Copy the link with the keyboard: Tab to the control, Enter.
    copy = page.get_by_role("button", name="Copy link to this view")
    copy.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Link copied").wait_for(timeout=10_000)
    link = page.get_by_role("textbox", name="Link to this view").input_value()
    assert link == page.url
    assert "barrier=data-sharing" in link and "place=liverpool" in link
    screenshot(page, f"view-links-copied-{size}")

    fresh = browser.new_context(viewport=page.viewport_size)
    try:
        other = fresh.new_page()
        open_page(other, link)
        assert_no_exception(other)
        assert barrier_view(other) == before
    finally:
        fresh.close()


def explorer_view(page) -> tuple[str, str, str]:
    chips = page.locator('[data-testid="stMultiSelect"]')
    return (
        page.url.split("/explorer", 1)[1],
        page.locator('[data-testid="stMain"] h3').first.inner_text(),
        chips.nth(0).inner_text() + " | " + chips.nth(3).inner_text(),
    )


def pick_chip(page, label: str, typed: str) -> None:
    box = page.get_by_role("combobox", name=re.compile(f"^{re.escape(label)}"))
    box.first.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=600)


def test_back_after_two_filter_changes_in_the_explorer_returns_to_each_view(app_server, sized):
    size, page = sized
    open_page(page, app_server.url)
    go_to(page, size, "Results explorer")
    start = explorer_view(page)
    pick_chip(page, "Barrier", "Data-sharing")
    one = explorer_view(page)
    assert "barrier=data-sharing" in one[0] and one[1] != start[1]
    pick_chip(page, "Place", "Bodmin")
    two = explorer_view(page)
    assert "place=bodmin" in two[0] and two[1] != one[1]
    # Chip counts follow the other filters: no data-sharing result in Bodmin.
    assert "Data-sharing (0)" in two[2]

    page.go_back()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=800)
    assert explorer_view(page) == one
    page.go_back()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=800)
    assert explorer_view(page) == start
    page.go_forward()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=800)
    assert explorer_view(page) == one


@pytest.mark.parametrize(
    ("address", "title", "in_address"),
    [
        ("/pilots", "Good Help Hub, Croxteth · Pilots · Five Barriers", "pilot=good-help-hub"),
        ("/programmes", "Partnerships for People and Place · Programmes · Five Barriers", "programme=pfpp"),
        ("/barriers", "Structures · Barriers · Five Barriers", "barrier=structures"),
    ],
)
def test_the_tab_names_the_entity_and_the_address_carries_it(app_server, page, address, title, in_address):
    open_page(page, app_server.url + address)
    assert_no_exception(page)
    assert page.title() == title
    assert in_address in page.url


def test_family_hub_says_there_is_no_exact_match_and_the_phone_menu_closes(app_server, sized):
    size, page = sized
    open_page(page, app_server.url)
    if size == "phone":
        assert not menu_open(page)
        page.get_by_role("button", name="Menu", exact=True).click()
        page.wait_for_function(
            f"() => document.querySelector('{SIDEBAR}').getBoundingClientRect().right > 40"
        )
    box = page.locator(SIDEBAR).get_by_role("textbox", name="Search")
    box.click()
    page.keyboard.type("Family Hub")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Family"), timeout=PATIENCE_MS)
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=600)
    text = main_text(page)
    assert "No exact match for “Family Hub”." in text
    assert re.search(r"\b2 results with (all|some) of the words\b", text)
    screenshot(page, f"view-links-family-hub-{size}")
    if size == "phone":
        page.wait_for_timeout(500)
        assert not menu_open(page)
        # A page link in the menu closes it too.
        go_to(page, size, "Pilots")
        page.wait_for_timeout(500)
        assert not menu_open(page)
        assert "/pilots" in page.url


def test_back_on_the_barriers_page_undoes_each_choice(app_server, page):
    """The select boxes follow Back too (ui.url_choice), not only the explorer's filters."""
    open_page(page, app_server.url)
    go_to(page, "laptop", "Barriers")
    assert "barrier=structures" in page.url
    choose(page, "Barrier", "Data-sharing")
    choose(page, "Place", "Liverpool (council area")
    assert "place=liverpool" in page.url
    page.go_back()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=800)
    assert page.url.endswith("/barriers?barrier=data-sharing")
    assert barrier_view(page)["showing"] == []
    assert barrier_view(page)["pickers"][:2] == [("Barrier", "4. Data-sharing"), ("Place", "All places")]
    page.go_back()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=800)
    assert page.url.endswith("/barriers?barrier=structures")
    assert page.title() == "Structures · Barriers · Five Barriers"


@pytest.mark.parametrize(
    ("title", "named"), [("Pilots", "pilot=good-help-hub"), ("Barriers", "barrier=structures")]
)
def test_back_from_a_page_opened_bare_leaves_it(app_server, page, title, named):
    """A page about one thing opened bare names it in the address it was
    opened with, not in a second history entry: the first Back returns to
    the page before (it once landed on the bare address, which named the
    pilot again, so Back seemed to do nothing)."""
    open_page(page, app_server.url)
    home = page.url
    entries = page.evaluate("() => window.history.length")
    go_to(page, "laptop", title)
    page.wait_for_url(re.compile(named), timeout=PATIENCE_MS)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.history.length") == entries + 1  # one entry for this page
    page.go_back()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=800)
    assert page.url == home
    page.go_forward()
    wait_for_app(page, timeout=PATIENCE_MS, settle_ms=800)
    assert named in page.url
