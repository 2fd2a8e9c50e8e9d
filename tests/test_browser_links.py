"""Every name a link, in real headless Chromium: a walk that follows every
link on every page once (none broken, none lands on a "not in the data"
message), and a click on the Places map that opens the place clicked."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from fivebarriers.views import navigation
from tests.conftest import (
    PATIENCE_MS,
    assert_no_exception,
    open_page,
    screenshot,
    visit,
    wait_for_app,
)

pytestmark = pytest.mark.browser


# Where the walk starts: every page in the menu, the new pages on a chosen
# entity, and the pages other links lead to with a parameter.
START = [
    f"/{p.url_path}" for p in navigation.PAGES if p.url_path not in ("overview", "upload", "present")
] + [
    "/",
    "/pilots?pilot=good-help-hub",
    "/programmes?programme=pfpp",
    "/places?place=croxteth",
    "/search?q=croxteth",
    "/compare?kind=place&ids=liverpool,east-sussex",
]


def internal_links(page, base: str) -> set[str]:
    """The app's own links on the page (Markdown links, page links, table cells)."""
    hrefs = page.eval_on_selector_all('[data-testid="stMain"] a[href]', "els => els.map(e => e.href)")
    out = set()
    for href in hrefs:
        if href.startswith(base) and "#" not in href.split("?")[-1][:1]:
            parts = urlsplit(href)
            path = parts.path.rstrip("/") or "/"
            out.add(path + (f"?{parts.query}" if parts.query else ""))
    return out


class LinkTargets:
    """Opens each link's page as the app runs it (app.py, st.navigation, the
    link's query parameters) and says what is wrong, if anything.

    One AppTest per page, reused for every link to that page: a fresh AppTest
    compiles app.py and starts a cold session for each of the walk's hundred
    links (about 2.3 times as long a link). Each run gets only its link's
    parameters, and the walk checks at its end that a reused page still
    reports a link to something not in the data."""

    def __init__(self) -> None:
        self._apps: dict[str, object] = {}

    def problem(self, link: str) -> str | None:
        from streamlit.testing.v1 import AppTest

        from fivebarriers.config import ROOT

        parts = urlsplit(link)
        url_path = parts.path.strip("/") or navigation.PAGES[0].url_path
        spec = navigation.by_url(url_path)
        at = self._apps.get(spec.path)
        if at is None:
            at = self._apps[spec.path] = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        # Straight to the page with its parameters and no others: one run, as a click on the link is.
        at.query_params = dict(parse_qsl(parts.query))
        at.switch_page(spec.path)
        at.run()
        if at.exception:
            return f"exception: {at.exception[0].value}"
        warnings = " ".join(w.value for w in at.warning)
        if "not in the data" in warnings:
            return warnings
        return None


def test_every_link_on_every_page_works(app_server, page):
    # The links are read from the real pages in Chromium (what a user can
    # click); each one is then opened once as the app runs it (AppTest through
    # app.py with the link's parameters), which is what a click does, at a
    # fraction of a browser's cost on this shared machine.
    base = app_server.url
    links: dict[str, str] = {}  # link -> page it was found on
    for start in START:
        try:
            visit(page, base + start)
        except Exception as exc:
            raise AssertionError(f"{start} did not finish loading: {exc}") from exc
        assert_no_exception(page)
        for link in internal_links(page, base):
            links.setdefault(link, start)
    assert len(links) > 40, sorted(links)
    targets = LinkTargets()
    broken = []
    for link, found_on in sorted(links.items()):
        problem = targets.problem(link)
        if problem:
            broken.append(f"{link} (from {found_on}): {problem}")
    assert not broken, broken
    # The reused pages still see a link's own parameters: one to a pilot that
    # is not in the data is reported, after every good link to that page.
    assert targets.problem("/pilots?pilot=no-such-pilot"), "a broken link went unnoticed"
    # Every kind of page is reached through a link.
    kinds = {urlsplit(link).path for link in links}
    for path in ("/pilots", "/places", "/departments", "/programmes", "/barriers", "/sources"):
        assert path in kinds, kinds


def test_clicking_a_place_on_the_map_opens_it(app_server, page):
    open_page(page, f"{app_server.url}/places")
    page.wait_for_selector(
        '[data-testid="stPlotlyChart"] .scatterlayer .trace .points path', timeout=PATIENCE_MS
    )
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    points = chart.locator(".scatterlayer .trace .points path")
    assert points.count() > 5
    # The map sits below the first screen of a laptop: scroll to it, as a reader does.
    chart.scroll_into_view_if_needed()
    # Plotly's drag layer lies over the points and takes the mouse, as it
    # does for a user: move to a point's centre, read its hover label, click.
    # Liverpool is the page's default, so another place is clicked.
    name = ""
    for i in range(points.count()):
        box = points.nth(i).bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
        name = (page.locator(".hoverlayer .hovertext").first.text_content() or "").split(" (")[0].strip()
        if name and name != "Liverpool":
            break
    page.mouse.click(x, y)
    try:
        page.wait_for_url(re.compile(r"[?&]place="), timeout=PATIENCE_MS)
    except Exception:
        screenshot(page, "places-map-click-failed")
        raise
    wait_for_app(page, timeout=PATIENCE_MS)
    assert_no_exception(page)
    # The chosen place comes first, under its own name as a section heading (issue 26).
    heading = page.locator('[data-testid="stMain"] h2').filter(has_text=re.compile(rf"^{re.escape(name)}$"))
    assert heading.count() == 1, name
    screenshot(page, "places-map-click")
