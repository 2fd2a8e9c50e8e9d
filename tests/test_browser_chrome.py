"""The service around the pages, in real headless Chromium: a distinct
browser title per page and per entity, the footer's links on every page,
"Page not found", phones (390 px and 320 px, i.e. 400% zoom), print to PDF,
and axe-core on the new pages."""

from __future__ import annotations

import re
import subprocess

import pytest

from fivebarriers.views import chrome, navigation
from tests.conftest import (
    ARTIFACTS,
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    screenshot,
    visit,
    wait_for_app,
)

pytestmark = pytest.mark.browser

# Every page with the header and footer but the slideshow (its own frame);
# Add data while uploads are closed included: it stops early through page_run.stop().
CHROME_PAGES = [p for p in navigation.PAGES if p.url_path not in chrome.OWN_LAYOUT]
# 0 where a page has no sidebar at all (the phone page a room answers on).
SIDEBAR_RIGHT_EDGE = (
    "() => document.querySelector('[data-testid=\"stSidebar\"]')?.getBoundingClientRect().right ?? 0"
)

# Elements of the main column that reach past the right edge of the window
# and are not inside something that scrolls or clips them on purpose (a
# data grid, a chart's own box).
OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.right <= vw + 1 && r.left >= -1)) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= vw + 1) {
        clipped = true; break;
      }
    }
    if (!clipped) out.push((el.dataset.testid || el.tagName) + ': ' + (el.innerText || '').slice(0, 60));
  }
  return {page: document.documentElement.scrollWidth, main: main.scrollWidth, vw, out: out.slice(0, 10)};
}"""


def _url(app_server, spec, query: str = "") -> str:
    path = "" if spec is navigation.PAGES[0] else spec.url_path
    return f"{app_server.url}/{path}{query}"


def _footer_and_header(page, spec) -> str:
    """Checks one page's footer and header; returns its "Data last changed" text."""
    footer = page.locator(".st-key-fb_footer")
    for name, target in (
        ("Accessibility statement", "accessibility"),
        ("Contact us", None),
        ("Give feedback", None),
        (re.compile(r"^Data last changed: \d{1,2} \w+ \d{4}$"), "changes"),
    ):
        if target == spec.url_path:
            # On the page it points to, Streamlit draws the link as the current page.
            text = footer.get_by_text(name, exact=True) if isinstance(name, str) else footer.get_by_text(name)
            assert text.count() == 1, (spec.url_path, name)
        else:
            assert footer.get_by_role("link", name=name).count() == 1, (spec.url_path, name)
    header = page.locator(".st-key-fb_header")
    assert header.get_by_role("link", name=re.compile("Five Barriers")).count() == 1
    return footer.get_by_text(re.compile(r"^Data last changed")).first.inner_text().strip()


def test_every_page_has_its_own_title_a_header_and_a_footer(app_server, page):
    """One walk over every page: its browser title, the header, the footer's
    links, and one "Data last changed" date everywhere, the What changed page included."""
    seen, dates = {}, set()
    for spec in navigation.PAGES:
        visit(page, _url(app_server, spec))
        assert_no_exception(page)
        seen[spec.url_path] = page.title()
        assert page.title() == chrome.document_title(spec.title) or page.title().endswith(
            chrome.document_title(spec.title)
        ), page.title()
        if spec in CHROME_PAGES:
            dates.add(_footer_and_header(page, spec))
    assert len(set(seen.values())) == len(seen), seen
    assert len(dates) == 1, dates
    (only,) = dates
    assert only.startswith("Data last changed: ") and only != "Data last changed: not recorded"
    entities = {
        "places?place=liverpool": "Liverpool · Places · Five Barriers",
        "places?place=east-sussex": "East Sussex · Places · Five Barriers",
        "barriers?barrier=funding": "Funding · Barriers · Five Barriers",
        "barriers?barrier=data-sharing": "Data-sharing · Barriers · Five Barriers",
    }
    for path, title in entities.items():
        visit(page, f"{app_server.url}/{path}")
        assert page.title() == title
    visit(page, f"{app_server.url}/departments?department=mhclg")
    assert page.title().endswith(" · Departments · Five Barriers")
    assert page.title() != seen["departments"] or "Ministry" in page.title()
    # The reader's path: footer → accessibility statement → contact section → what changed.
    page.locator(".st-key-fb_footer").get_by_role("link", name="Accessibility statement").click()
    wait_for_app(page, timeout=120_000)
    assert page.url.endswith("/accessibility")
    assert page.get_by_role("heading", name="Contact us").count() == 1
    page.locator(".st-key-fb_footer").get_by_role("link", name=re.compile("^Data last changed")).click()
    wait_for_app(page, timeout=120_000)
    assert page.url.endswith("/changes")
    assert page.get_by_role("heading", name="What changed in the data").count() == 1
    assert only.removeprefix("Data last changed: ") in page.locator('[data-testid="stMain"]').inner_text()


def test_footer_links_share_one_size_and_baseline(app_server, page):
    """The four footer links (two page links, two Markdown links) read as one
    row: the same font size and line height, their text on one baseline (UX review L3)."""
    open_page(page, _url(app_server, navigation.by_url("search")))
    texts = page.locator(".st-key-fb_footer_links p").evaluate_all(
        """els => els.map(p => {
            const s = getComputedStyle(p);
            const r = p.getBoundingClientRect();
            return {text: p.innerText.trim(), size: s.fontSize, line: s.lineHeight, bottom: r.bottom};
        })"""
    )
    assert [t["text"] for t in texts][:3] == ["Accessibility statement", "Contact us", "Give feedback"], texts
    assert len(texts) == 4, texts
    assert len({t["size"] for t in texts}) == 1, texts
    assert len({t["line"] for t in texts}) == 1, texts
    bottoms = [t["bottom"] for t in texts]
    assert max(bottoms) - min(bottoms) <= 1, texts


def test_the_slideshow_keeps_its_own_frame(app_server, page):
    open_page(page, f"{app_server.url}/present")
    assert page.locator(".st-key-fb_footer").count() == 0
    assert page.locator(".st-key-fb_header").count() == 0
    assert page.title() == "Present · Five Barriers"


def test_an_unknown_address_says_page_not_found_with_links(app_server, page):
    open_page(page, f"{app_server.url}/no-such-page")
    assert_no_exception(page)
    assert page.url.endswith("/no-such-page")  # the address stays as typed
    assert page.get_by_role("dialog").count() == 0  # no notice over the page
    assert page.get_by_role("heading", name="Page not found", level=1).count() == 1
    assert "There is no page at /no-such-page." in page.locator('[data-testid="stMain"]').inner_text()
    assert page.title() == "Page not found · Five Barriers"
    links = page.locator('[data-testid="stMain"]').get_by_role("link", name="Places", exact=True)
    assert links.count() == 1
    links.click()
    wait_for_app(page, timeout=120_000)
    assert page.url.endswith("/places")
    assert page.get_by_role("heading", name="Page not found").count() == 0


def test_page_not_found_passes_axe(app_server, page):
    open_page(page, f"{app_server.url}/no-such-page")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("url_path", ["changes", "accessibility"])
def test_new_pages_pass_axe(app_server, page, url_path):
    open_page(page, f"{app_server.url}/{url_path}")
    assert_no_exception(page)
    screenshot(page, f"chrome-{url_path}-1366")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


PHONE_WIDTHS = (320, 390)  # WCAG's reflow width, and a common phone
STATIC_TABLES_SHOWN_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] '
  + '[data-testid="stTable"]')]
  .filter(table => table.offsetParent !== null).length"""


def test_phone_widths_nothing_runs_off_the_side(app_server, browser):
    # Each page is opened at the narrower width and then widened in place: the
    # layout is fluid, so one load serves both measurements.
    narrow, wide = PHONE_WIDTHS
    context = browser.new_context(viewport={"width": narrow, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        for spec in navigation.PAGES:
            pg.set_viewport_size({"width": narrow, "height": 844})
            visit(pg, _url(app_server, spec))
            assert_no_exception(pg)
            for width in PHONE_WIDTHS:
                if width != narrow:
                    pg.set_viewport_size({"width": width, "height": 844})
                    pg.wait_for_timeout(300)
                where = (spec.url_path, width)
                # Below 768 px the menu starts closed, so the page is readable at once.
                assert pg.evaluate(SIDEBAR_RIGHT_EDGE) <= 1, where
                found = pg.evaluate(OVERFLOW_JS)
                assert found["page"] <= width and found["main"] <= width, (where, found)
                assert not found["out"], (where, found["out"])
                # A table of a few rows is one card per row here, not columns to scroll sideways.
                assert pg.evaluate(STATIC_TABLES_SHOWN_JS) == 0, where
            screenshot(pg, f"phone-{wide}-{spec.url_path}")
        violations = axe_violations(pg)  # the last page, at phone size
        assert not violations, describe_violations(violations)
    finally:
        context.close()


# Records, from the first byte of the page, whether Streamlit's own list of the
# pages/ files was ever drawn (it showed "app", "upload", "vote"... for about two
# seconds on a first visit, before the app's menu: .streamlit/config.toml).
RAW_PAGE_LIST_WATCH = """
window.__rawPageList = 0;
new MutationObserver(() => {
  if (document.querySelector('[data-testid="stSidebarNav"]')) window.__rawPageList += 1;
}).observe(document, {childList: true, subtree: true});
"""


def test_menu_starts_open_on_a_laptop_and_never_lists_the_files(app_server, page):
    page.add_init_script(RAW_PAGE_LIST_WATCH)
    open_page(page, app_server.url)
    assert page.evaluate(SIDEBAR_RIGHT_EDGE) >= 200
    assert page.get_by_role("link", name="Overview").count() >= 1  # the app's own menu
    assert page.evaluate("window.__rawPageList") == 0


def _pdf(page, name: str) -> tuple[str, int]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"print-{name}.pdf"
    page.pdf(path=str(path), format="A4", print_background=True)

    def run(*args: str) -> str:
        return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout

    text = run("pdftotext", "-layout", str(path), "-")
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.M).group(1))
    # PNGs of the first two sheets, to look at.
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(path), str(ARTIFACTS / f"print-{name}"))
    return text, pages


def _chart_boxes_fit(page) -> list[str]:
    """Charts whose drawing is wider than their box on paper (cut off)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .filter(el => el.offsetParent !== null)
            .filter(el => { const svg = el.querySelector('.main-svg'), box = el.getBoundingClientRect();
                            return svg && svg.getBoundingClientRect().width > box.width + 2; })
            .map(el => (el.innerText || '').slice(0, 60))"""
    )


@pytest.mark.parametrize(
    ("spec_path", "query", "must"),
    [
        ("overview", "", "Did pilots meet their goals?"),  # one word for goal (issues 12, 25)
        ("barriers", "?barrier=data-sharing", "Barrier 4: Data-sharing"),
        ("places", "?place=east-sussex", "East Sussex"),
        ("changes", "", "What changed in the data"),
        ("accessibility", "", "Enforcement procedure"),
    ],
)
def test_print_to_pdf(app_server, browser, spec_path, query, must):
    # Chrome lays a printed page out at the paper's width (A4 less the
    # margins: 703 px) and Streamlit redraws its charts for print; a window
    # that wide, in print media, is that layout, where the charts can be measured.
    context = browser.new_context(viewport={"width": 703, "height": 900})
    pg = context.new_page()
    try:
        spec = navigation.by_url(spec_path)
        open_page(pg, _url(app_server, spec, query))
        pg.emulate_media(media="print")
        # Streamlit redraws charts for print; let it finish.
        pg.wait_for_timeout(1500)
        pg.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')")
        assert not _chart_boxes_fit(pg)
        text, pages = _pdf(pg, spec_path)
    finally:
        context.close()
    assert must in text
    # No menu, no controls: the sidebar's page names and the filter boxes are not on paper.
    assert "Results explorer" not in text and "Add data" not in text
    assert "Beta This is a new service" not in text
    # Title, address and the data's date at the foot of the sheets.
    title = chrome.document_title(spec.title)
    address = r"http://127\.0\.0\.1:\d+/?" + ("" if spec is navigation.PAGES[0] else re.escape(spec.url_path))
    assert re.search(re.escape(title) + r" \| " + address, text), text[-600:]
    assert "Data last changed: " in text
    assert 1 <= pages <= 12, pages


def test_placeholder_words_replace_the_grey_box(app_server, browser):
    # The chart's placeholder, styled by chrome_style, carries words while
    # Plotly's code loads. Read them from the stylesheet the page received.
    context = browser.new_context()
    pg = context.new_page()
    try:
        open_page(pg, app_server.url)
        content = pg.evaluate(
            """() => { const el = document.createElement('div'); el.className = 'stPrintGraphic';
                       const sk = document.createElement('div'); sk.dataset.testid = 'stSkeleton';
                       el.appendChild(sk); document.querySelector('[data-testid="stMain"]').appendChild(el);
                       const c = getComputedStyle(sk, '::after').content; el.remove(); return c; }"""
        )
    finally:
        context.close()
    assert content == f'"{chrome.LOADING_TEXT}"'


def test_screen_reader_spot_check(app_server, page):
    # What Chromium hands a screen reader (its accessibility tree, as ARIA):
    # one level-1 heading naming the page, the chart's description as text,
    # and the footer's links by name.
    open_page(page, app_server.url)
    tree = page.locator('[data-testid="stMain"]').aria_snapshot()
    assert re.search(
        r'heading "What place-based pilots achieved, and what got in their way" \[level=1\]', tree
    )
    assert "Text description: Data-sharing came up in the most places: 4." in tree
    for name in ("Accessibility statement", "Contact us", "Give feedback"):
        assert f'link "{name}"' in tree, name
    assert len(re.findall(r"\[level=1\]", tree)) == 1
