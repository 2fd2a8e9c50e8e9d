"""Charts as a senior champion uses them, in real Chromium: the headline is a
heading above the tabs, a chart's link keeps its tab and scrolls to it, the
chart downloads as PNG and SVG from Plotly's own button (offline), its text
passes AA contrast, nothing of it is cut off on a 390 px phone, and axe-core
finds no WCAG A/AA violation."""

from __future__ import annotations

import pytest

from tests.conftest import (
    PATIENCE_MS,
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    screenshot,
    visit,
)
from tests.conftest import wait_for_app as _wait_for_app


def wait_for_app(page) -> None:
    _wait_for_app(page, timeout=PATIENCE_MS)


pytestmark = pytest.mark.browser

# the curated data (issue 25: the report's own comparison counts, and says so)
HEADLINE = "1 of the 2 results with a published figure passed its goal, by the report's own account"

# Every text element Plotly drew, with its fill colour and the colour behind it.
CHART_TEXT_JS = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lin = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  const lum = c => { const v = c.map(lin); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const out = [];
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (chart.offsetParent === null) continue;
    for (const t of chart.querySelectorAll('svg text')) {
      if (!t.textContent.trim()) continue;
      const style = getComputedStyle(t);
      const fill = rgb(style.fill);
      const bg = [255, 255, 255];
      const [hi, lo] = [lum(fill), lum(bg)].sort((a, b) => b - a);
      out.push({text: t.textContent.slice(0, 40), fill: style.fill, ratio: (hi + 0.05) / (lo + 0.05),
                inHeatmap: !!t.closest('.heatmaplayer') || !!t.closest('.hm')});
    }
  }
  return out;
}"""


def _root(app_server) -> str:
    # open the root first: a fresh server's first deep link runs without app.py (see test_browser_pages)
    return app_server.url


def test_headline_is_a_heading_above_the_tabs(app_server, page):
    open_page(page, _root(app_server))
    assert_no_exception(page)
    heading = page.get_by_role("heading", name=HEADLINE)
    assert heading.count() == 1
    assert heading.evaluate("h => h.tagName") == "H3"
    tabs = page.get_by_role("tablist").first
    heading_box, tabs_box = heading.bounding_box(), tabs.bounding_box()
    assert heading_box["y"] + heading_box["height"] <= tabs_box["y"]
    # the tabs read Chart / Table / About this data
    names = [t.inner_text().strip() for t in tabs.get_by_role("tab").all()]
    assert names == ["Chart", "Table", "About this data"]
    # the headline is no longer drawn inside the chart
    svg_text = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    assert HEADLINE not in svg_text
    screenshot(page, "charts-overview-heading")


def test_a_chart_link_keeps_its_tab_and_scrolls_to_the_chart(app_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    open_page(page, _root(app_server))
    page.get_by_role("tab", name="Table").first.click()
    page.wait_for_url("**headline_tab=Table**")
    wait_for_app(page)
    page.get_by_role("tab", name="About this data").first.click()
    page.wait_for_url("**headline_tab=About**")
    wait_for_app(page)
    about = page.locator('[data-testid="stTabs"]').first
    assert "No figure published" in about.inner_text()
    assert "Data last changed" in about.inner_text()
    link = about.locator('[data-testid="stText"]').first.inner_text().strip()
    assert link.endswith("#chart-headline")
    assert link.startswith(app_server.url)
    # A colleague opens the link with the Table tab: the tab and the chart are there.
    other = context.new_page()
    open_page(other, f"{app_server.url}/?programme=pfpp&headline_tab=Table#chart-headline")
    selected = other.locator('[role="tab"][aria-selected="true"]').first
    assert selected.inner_text().strip() == "Table"
    table_panel = other.locator('[role="tabpanel"]:visible').first
    assert table_panel.locator('[data-testid="stDataFrame"]').count() == 1
    assert "Download this table (CSV)" in table_panel.inner_text()
    heading = other.locator("#chart-headline")
    assert heading.count() == 1
    other.wait_for_timeout(500)
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box  # scrolled into view
    screenshot(other, "charts-permalink-table-tab")
    context.close()


def test_chart_downloads_as_png_and_svg_from_plotlys_own_button(app_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 1600}, accept_downloads=True)
    page = context.new_page()
    open_page(page, _root(app_server))
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    button = chart.locator('.modebar-btn[data-title*="png" i], .modebar-btn[data-title*="Download" i]').first
    with page.expect_download() as png:
        button.click()
    assert png.value.suggested_filename.endswith(".png")
    assert png.value.suggested_filename.startswith("1-of-the-2-results")  # the headline, as a file name
    with open(png.value.path(), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    page.get_by_text("SVG", exact=True).first.click()
    wait_for_app(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    with page.expect_download() as svg:
        chart.locator(".modebar-btn").first.click()
    assert svg.value.suggested_filename.endswith(".svg")
    with open(svg.value.path(), encoding="utf-8") as f:
        body = f.read()
    assert body.lstrip().startswith("<svg") and "over 550 people" in body
    context.close()


@pytest.mark.parametrize(
    "path", ["", "/barriers?barrier=data-sharing", "/departments?department=mhclg", "/explorer"]
)
def test_chart_text_passes_aa_contrast(app_server, tab, path):
    page = tab
    visit(page, app_server.url + path)
    page.wait_for_selector(
        '[data-testid="stPlotlyChart"] .main-svg text', timeout=PATIENCE_MS, state="attached"
    )
    texts = page.evaluate(CHART_TEXT_JS)
    assert texts, "no chart text found"
    low = [t for t in texts if t["ratio"] < 4.5 and not t["inHeatmap"]]
    assert not low, low[:5]


# The first bar of the chart's HTML stand-in and of Plotly's chart, in page pixels.
FIRST_BARS_JS = """() => {
  const box = r => ({left: r.left, top: r.top + scrollY, width: r.width, height: r.height});
  const wait = document.querySelector('[class*="st-key-chartwait_headline"]');
  wait.style.display = 'block';  // the stand-in, as it stood before Plotly drew
  const bar = [...wait.querySelectorAll('.fb-chart-preview div')].find(
    d => d.style.background.startsWith('rgb(18, 67, 109)'));
  const plotly = document.querySelector('[data-testid="stPlotlyChart"] .bars path');
  const out = {preview: box(bar.getBoundingClientRect()), plotly: box(plotly.getBoundingClientRect())};
  wait.style.display = '';
  return out;
}"""


def test_the_chart_is_drawn_before_plotly_arrives_and_stays_put(app_server, browser):
    # A reader whose browser has not yet got Plotly's 4.7 MB sees the chart
    # (its bars, goal lines and words) and a line saying what is still coming.
    slow = browser.new_context(viewport={"width": 1366, "height": 900})
    page = slow.new_page()
    page.route("**/PlotlyChart*.js", lambda route: route.abort())
    open_page(page, _root(app_server))
    stand_in = page.locator(".fb-chart-preview").first
    stand_in.wait_for(state="visible", timeout=PATIENCE_MS)
    stand_in.scroll_into_view_if_needed()
    assert "Drawing the interactive chart…" in stand_in.inner_text()
    assert "67 homes against a goal of 100–150" in stand_in.inner_text().replace("\n", " ")
    assert "Source: " in stand_in.inner_text()
    screenshot(page, "chart-before-plotly")
    slow.close()
    # Once Plotly has drawn, the stand-in is gone, and its bars were where Plotly's are.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    open_page(page, _root(app_server))
    page.wait_for_selector('[data-testid="stPlotlyChart"] .bars path', timeout=PATIENCE_MS)
    assert not page.locator(".fb-chart-preview").first.is_visible()
    bars = page.evaluate(FIRST_BARS_JS)
    for side in ("left", "top", "width", "height"):
        assert abs(bars["preview"][side] - bars["plotly"][side]) <= 2, (side, bars)
    context.close()


# One chart's stand-in (shown again for the measure, as it stood before
# Plotly drew) and Plotly's own drawing of it, in page pixels: on a map every
# point and the first point's box, on the grid the cells' box, on the
# timeline the first name's bar.
STAND_IN_AND_PLOTLY_JS = """key => {
  const box = r => ({left: r.left, top: r.top + scrollY, width: r.width, height: r.height});
  const wait = document.querySelector('.st-key-chartwait_' + key);
  wait.style.display = 'block';
  const stand = wait.querySelector('.fb-chart-preview');
  const chart = document.querySelector('.st-key-chart_' + key);
  const marks = [...stand.querySelectorAll('circle[cx$="%"], svg[x$="%"]')];
  const grid = stand.querySelector('div[style*="grid-template-rows"][style*="grid-template-columns"]');
  const bar = [...stand.querySelectorAll('div')].find(d => d.style.height === '20px');
  const first = chart.querySelector('.scatterlayer .trace:nth-child(2) .points path');
  const image = chart.querySelector('.heatmaplayer image');
  const line = chart.querySelector('.scatterlayer .trace:nth-child(1) .js-line');
  const out = {
    points: marks.length,
    plotlyPoints: chart.querySelectorAll('.scatterlayer .points path').length,
    point: marks.length ? box(marks[0].getBoundingClientRect()) : null,
    plotlyPoint: first ? box(first.getBoundingClientRect()) : null,
    cells: grid ? box(grid.getBoundingClientRect()) : null,
    plotlyCells: image ? box(image.getBoundingClientRect()) : null,
    bar: bar ? box(bar.getBoundingClientRect()) : null,
    plotlyBar: null,
  };
  if (line) {  // a line's box leaves out its stroke: the bar is the stroke
    const r = box(line.getBoundingClientRect()), width = parseFloat(getComputedStyle(line).strokeWidth);
    out.plotlyBar = {left: r.left, top: r.top - width / 2, width: r.width, height: width};
  }
  wait.style.display = '';
  return out;
}"""
# Page, the chart's key, what its stand-in says, and the parts measured on both.
DRAWN_AHEAD = (
    ("/places", "uk_map", "A pilot or case study ran here", ("point", "plotlyPoint")),
    ("/explorer", "pivot", "with no figure", ("cells", "plotlyCells")),
    ("/departments?department=mhclg", "names", "MHCLG: ", ("bar", "plotlyBar")),
)


def test_maps_grids_and_timelines_are_drawn_before_plotly_arrives_and_stay_put(app_server, browser):
    # A reader on a slow line sees the map of places, the Explorer's grid and a
    # department's names over time while Plotly's 4.7 MB is on its way, not
    # "Drawing the chart…".
    slow = browser.new_context(viewport={"width": 1366, "height": 900})
    page = slow.new_page()
    page.route("**/PlotlyChart*.js", lambda route: route.abort())
    for path, key, shows, _ in DRAWN_AHEAD:
        visit(page, app_server.url + path)
        stand_in = page.locator(f".st-key-chartwait_{key} .fb-chart-preview")
        stand_in.wait_for(state="visible", timeout=PATIENCE_MS)
        stand_in.scroll_into_view_if_needed()
        assert shows in stand_in.inner_text(), path
        assert "Source: " in stand_in.inner_text()
        screenshot(page, f"chart-before-plotly-{key}")
    slow.close()
    # Once Plotly has drawn: the same marks, where Plotly put them.
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for path, key, _, (ours, theirs) in DRAWN_AHEAD:
        visit(page, app_server.url + path)
        chart = page.locator(f".st-key-chart_{key}")
        chart.scroll_into_view_if_needed(timeout=PATIENCE_MS)
        chart.locator(".main-svg").first.wait_for(state="attached", timeout=PATIENCE_MS)
        page.wait_for_function(
            "key => document.querySelector('.st-key-chart_' + key + ' .scatterlayer .trace, '"
            " + '.st-key-chart_' + key + ' .heatmaplayer image')",
            arg=key,
            timeout=PATIENCE_MS,
        )
        drawn = page.evaluate(STAND_IN_AND_PLOTLY_JS, key)
        if key == "uk_map":
            assert drawn["points"] == drawn["plotlyPoints"] > 10, drawn
        assert drawn[ours] and drawn[theirs], (path, drawn)
        for side in ("left", "top", "width", "height"):
            assert abs(drawn[ours][side] - drawn[theirs][side]) <= 2, (path, side, drawn)
    context.close()


@pytest.mark.parametrize("path", ["", "/barriers?barrier=data-sharing", "/departments?department=mhclg"])
def test_nothing_of_a_chart_is_cut_off_on_a_phone(app_server, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    open_page(page, _root(app_server))
    visit(page, app_server.url + path)
    outside = page.evaluate(
        """() => {
      const out = [];
      for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
        if (chart.offsetParent === null) continue;
        const box = chart.getBoundingClientRect();
        for (const t of chart.querySelectorAll('svg text')) {
          const r = t.getBoundingClientRect();
          if (!t.textContent.trim() || r.width === 0) continue;
          if (r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1)
            out.push({text: t.textContent.slice(0, 50), left: r.left, right: r.right,
                      box: [box.left, box.right]});
        }
      }
      return out;
    }"""
    )
    assert not outside, outside[:5]
    screenshot(page, f"charts-phone-{path.strip('/').split('?')[0] or 'overview'}")
    context.close()


def test_axe_finds_nothing_on_a_chart_with_its_mode_bar_and_about_tab(app_server, page):
    open_page(page, _root(app_server))
    page.get_by_role("tab", name="About this data").first.click()
    wait_for_app(page)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
