"""The answer first (issue 26), played in headless Chromium from the home page
with mouse and keyboard only, on a laptop (1440x900) and a phone (390x844):
each answer is asserted by WHERE it is, inside the first screen, from the
elements' bounding boxes.

- Which barrier came up in the most places? The Overview's ranked chart.
- What did DWP do, and what came of it? The department's own section is the
  first thing under the title.
- A map click then a picker change land where the picker says (review M1)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PATIENCE_MS, assert_no_exception, open_page, screenshot, wait_for_app

pytestmark = pytest.mark.browser

SCREENS = {"laptop": (1440, 900), "phone": (390, 844)}


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):
    width, height = SCREENS[request.param]
    phone = request.param == "phone"
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    pg = context.new_page()
    pg.screen_name = request.param
    yield pg
    context.close()


def first_screen(pg, locator) -> dict:
    """The element's box, asserted to lie wholly inside the first screen
    (the page not scrolled)."""
    locator.wait_for(state="visible", timeout=PATIENCE_MS)
    box = locator.bounding_box()
    height = pg.viewport_size["height"]
    assert box is not None
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, (box, height)
    return box


def headings(pg) -> list[str]:
    return [
        t.strip()
        for t in pg.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2').all_inner_texts()
    ]


def open_menu(pg) -> None:
    """On a phone the menu starts closed: open it with its button."""
    sidebar = pg.locator('[data-testid="stSidebar"]')
    if sidebar.count() and sidebar.first.bounding_box() and sidebar.first.bounding_box()["x"] >= 0:
        return
    pg.locator(
        '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
    ).first.click()
    pg.wait_for_timeout(400)


def close_menu_if_over_main(pg) -> None:
    sidebar = pg.locator('[data-testid="stSidebar"]').first
    box = sidebar.bounding_box()
    if pg.viewport_size["width"] < 768 and box and box["x"] + box["width"] > 5:
        sidebar.locator(
            '[data-testid="stSidebarCollapseButton"] button, button[kind="headerNoPadding"]'
        ).first.click()
        pg.wait_for_timeout(400)


def test_the_barrier_that_came_up_in_most_places_is_on_the_first_screen(app_server, screen):
    open_page(screen, app_server.url)
    assert_no_exception(screen)
    # The answer is read on the first screen: in the page's "In short" lines, and
    # in the ranked chart's headline that follows them.
    said = screen.locator(
        '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p',
        has_text="Data-sharing came up in the most places: 4",
    ).first
    first_screen(screen, said)
    answer = screen.locator('[data-testid="stMain"] h2', has_text="came up in the most places")
    assert answer.inner_text().strip().startswith("Data-sharing came up in the most places: 4")
    # The ranked chart comes before the five cards and their finding counts.
    found = headings(screen)
    assert found.index(answer.inner_text().strip()) < found.index("The five barriers")
    screenshot(screen, f"answer-first-overview-{screen.screen_name}")


def test_dwp_opened_from_search_leads_with_dwp(app_server, screen):
    open_page(screen, app_server.url)
    open_menu(screen)
    box = screen.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input').first
    box.click()
    box.type("DWP")
    box.press("Enter")
    screen.wait_for_url(re.compile(r"/search\?q="), timeout=PATIENCE_MS)
    wait_for_app(screen, timeout=PATIENCE_MS)
    close_menu_if_over_main(screen)
    hit = screen.locator(
        '[data-testid="stMain"] [data-testid="stPageLink"] a', has_text="Work and Pensions"
    ).first
    hit.click()
    screen.wait_for_url(re.compile(r"/departments\?department=dwp"), timeout=PATIENCE_MS)
    wait_for_app(screen, timeout=PATIENCE_MS)
    assert_no_exception(screen)
    # The department's own section is the first thing under the title ...
    found = headings(screen)
    assert found[:2] == [
        "Government departments: who worked with the pilots",
        "Department for Work and Pensions",
    ]
    first_screen(
        screen, screen.locator('[data-testid="stMain"] h2', has_text="Department for Work and Pensions")
    )
    screenshot(screen, f"answer-first-dwp-{screen.screen_name}")
    # ... with its pilots straight after, and a count that matches them.
    body = screen.inner_text('[data-testid="stMain"]')
    assert "3 pilots: 2 as a partner, 1 mentioned only." in body
    assert "1 more pilot only mentions DWP: show it" in body
    pilots = screen.locator(
        '[data-testid="stMain"] a:visible', has_text="Bodmin skills and employment pilot"
    ).first
    box = pilots.bounding_box()
    assert box is not None and box["y"] < 2 * screen.viewport_size["height"], box
    # The all-department chart waits, folded, below.
    chart = screen.locator('[data-testid="stMain"] h2', has_text="led or partnered the most pilots")
    assert chart.count() == 0 or not chart.first.is_visible()
    # "show it" opens every role, and the table then holds all 3.
    screen.get_by_role("button", name="1 more pilot only mentions DWP: show it").click()
    screen.wait_for_url(re.compile(r"roles=all"), timeout=PATIENCE_MS)
    wait_for_app(screen, timeout=PATIENCE_MS)
    body = screen.inner_text('[data-testid="stMain"]')
    assert "Student Mentoring Programme, Birmingham" in body
    assert "show it" not in body


CLICK_POINT_JS = """(name) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  for (const trace of gd.data) {
    const i = (trace.text || []).indexOf(name);
    if (i < 0 || !trace.mode || !trace.mode.includes('markers')) continue;
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
    return {x: r.left + xa._offset + xa.l2p(trace.x[i]), y: r.top + ya._offset + ya.l2p(trace.y[i])};
  }
  return null;
}"""


PICKER_JS = """(el) => [el.innerText, ...[...el.querySelectorAll('input')].map(i => i.value),
  ...[...el.querySelectorAll('[title], [aria-label]')]
    .map(e => e.getAttribute('title') || e.getAttribute('aria-label'))
].join(' | ')"""


def picker_text(pg) -> str:
    """What the Place picker shows (its chosen value lives in its input or its label attributes)."""
    return pg.locator('[data-testid="stSelectbox"]', has_text="Place").first.evaluate(PICKER_JS)


def test_a_map_click_then_a_picker_change_land_where_the_picker_says(app_server, screen):
    open_page(screen, f"{app_server.url}/places")
    assert_no_exception(screen)
    chart = screen.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    screen.wait_for_timeout(500)
    screenshot(screen, f"answer-first-map-{screen.screen_name}")
    point = screen.evaluate(CLICK_POINT_JS, "Bradford")
    assert point is not None
    screen.mouse.click(point["x"], point["y"])
    screen.wait_for_url(re.compile(r"place=bradford"), timeout=PATIENCE_MS)
    wait_for_app(screen, timeout=PATIENCE_MS)
    assert_no_exception(screen)
    screenshot(screen, f"answer-first-map-click-{screen.screen_name}")
    # The place comes first, and the picker shows it.
    first_screen(screen, screen.locator('[data-testid="stMain"] h2', has_text=re.compile(r"^Bradford$")))
    shown = picker_text(screen)
    assert "Bradford" in shown, shown
    # Choosing another place by keyboard then lands there.
    select = screen.locator('[data-testid="stSelectbox"]', has_text="Place").first.locator("input").first
    select.click()
    select.type("Liverpool (council area")
    screen.keyboard.press("Enter")
    screen.wait_for_url(re.compile(r"place=liverpool(&|$)"), timeout=PATIENCE_MS)
    wait_for_app(screen, timeout=PATIENCE_MS)
    assert_no_exception(screen)
    first_screen(screen, screen.locator('[data-testid="stMain"] h2', has_text=re.compile(r"^Liverpool$")))
    assert "Liverpool" in picker_text(screen) and "Bradford" not in picker_text(screen)
