"""The Present page in real headless Chromium, as a facilitator uses it in a
room: keyboard only, at projector sizes, with the speaker notes shown and
hidden; full screen; the presenter view driving the room's window and back;
no WCAG 2.2 A/AA violation. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.conftest import (
    PATIENCE_MS,
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    screenshot,
    sized_page,
    visit,
    wait_for_app,
)

pytestmark = pytest.mark.browser
expect.set_options(timeout=30_000)  # a shared two-core machine; each wait ends as soon as it holds

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
# Every key that moves on, in turn, so each is shown to work on some slide.
NEXT_KEYS = ["ArrowRight", "PageDown", "Space"]

# Measures the frame and everything in it, from inside the component's shadow root.
MEASURE = """(stage) => {
  const r = stage.getBoundingClientRect();
  const overflow = [];
  stage.querySelectorAll('*').forEach((e) => {
    const q = e.getBoundingClientRect();
    if (!q.width && !q.height) return;
    if (q.left < r.left - 1 || q.right > r.right + 1 || q.top < r.top - 1 || q.bottom > r.bottom + 1)
      overflow.push(`${e.tagName}.${e.getAttribute('class') || ''}: ${e.textContent.slice(0, 40)}`);
  });
  const slide = stage.querySelector('.slide');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    x: r.left, y: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
    overflow,
    scrolls: slide.scrollHeight > slide.clientHeight + 1,
    sidebar: sidebar ? sidebar.getBoundingClientRect().width : 0,
    vw: window.innerWidth, vh: window.innerHeight,
  };
}"""


def _stage(pg, scope: str = ".screen"):
    return pg.locator(f"{scope} .stage").first


def _where(pg):
    return pg.locator(".controls .where").first


def _go_to(pg, number: int, total: int, settle: bool = True) -> None:
    # Generous: eight engineers share two cores here, and a first view builds the storyboard.
    expect(_where(pg)).to_have_text(f"{number} of {total}", timeout=90_000)
    if settle:  # a window in a session polls twice a second: it never stops "running"
        wait_for_app(pg)


def _total(pg) -> int:
    return int(_where(pg).inner_text().split(" of ")[1])


# At each size the full session and a focused one are walked, one with the notes
# shown and one with them hidden, so every size, focus and notes setting is seen
# (the whole 3 x 2 x 2 grid took three minutes more and found nothing more).
WALKS = [
    (1024, 768, "", True),
    (1024, 768, "?place=liverpool", False),
    (1280, 720, "", False),
    (1280, 720, "?place=liverpool", True),
    (1920, 1080, "", True),
    (1920, 1080, "?place=liverpool", False),
]


@pytest.mark.parametrize(
    "width, height, focus, notes",
    WALKS,
    ids=[
        f"{w}x{h}-{'liverpool' if f else 'full-session'}-notes-{'shown' if n else 'hidden'}"
        for w, h, f, n in WALKS
    ],
)
def test_keyboard_walk_fits_every_slide(app_server, shared_context, width, height, focus, notes):
    pg = sized_page(shared_context, width, height)
    try:
        open_page(pg, f"{app_server.url}/present{focus}")
        expect(_stage(pg)).to_be_visible()
        total = _total(pg)
        assert total == (7 if focus else 13)
        if notes:
            # The switch keeps the focus after the click: the keys must still move slides.
            pg.get_by_text("Show speaker notes below the slide").click()
            expect(pg.locator(".notes-panel")).to_be_visible(timeout=30_000)
        else:
            pg.mouse.click(width - 5, height // 2)  # the page itself, no widget
        sidebar = None
        for number in range(1, total + 1):
            _go_to(pg, number, total)
            m = _stage(pg).evaluate(MEASURE)
            where = f"slide {number} of {total} at {width}x{height}"
            inside = m["x"] >= 0 and m["y"] >= 0 and m["right"] <= m["vw"] and m["bottom"] <= m["vh"]
            assert inside, (where, m)
            assert abs(m["width"] / m["height"] - 16 / 9) < 0.01, (where, m)
            assert not m["overflow"] and not m["scrolls"], (where, m["overflow"])
            sidebar = m["sidebar"] if sidebar is None else sidebar
            assert m["sidebar"] == sidebar, f"the sidebar changed width on {where}"
            if notes:
                panel = pg.locator(".notes-panel")
                expect(panel).to_contain_text("Where each statement comes from")
                box = panel.bounding_box()
                assert box and box["y"] < m["vh"], f"the notes are out of sight on {where}"
            if width == 1280 and not notes:
                screenshot(pg, f"present_{width}x{height}{'_liverpool' if focus else ''}_slide{number:02d}")
            if number < total:
                pg.keyboard.press(NEXT_KEYS[number % len(NEXT_KEYS)])
        # And back, with every other key.
        pg.keyboard.press("Home")
        _go_to(pg, 1, total)
        pg.keyboard.press("End")
        _go_to(pg, total, total)
        pg.keyboard.press("PageUp")
        _go_to(pg, total - 1, total)
        pg.keyboard.press("ArrowLeft")
        _go_to(pg, total - 2, total)
        assert re.search(rf"[?&]slide={total - 2}(&|$)", pg.url), pg.url
        assert_no_exception(pg)
    finally:
        pg.close()


CHART_FIT = """(stage) => {
  const svg = stage.querySelector('svg.chart');
  if (!svg) return null;
  const s = stage.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')];
  const labels = texts.map((t) => {
    const r = t.getBoundingClientRect();
    const lines = [...t.querySelectorAll('tspan')];
    const tops = new Set(lines.map((l) => Math.round(l.getBoundingClientRect().top)));
    return {text: t.textContent, lines: tops.size, inside: r.left >= s.left - 1 && r.right <= s.right + 1};
  });
  const plot = svg.getBoundingClientRect();
  // The chart: its headline and bars (the case study stands beside them).
  const fig = (stage.querySelector('.chart-main') || stage.querySelector('.figure')).getBoundingClientRect();
  const px = Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize)));
  return {
    text_pt: (px / s.height) * 540,  // as on a 7.5-inch (540 pt) slide
    figure: fig.height / s.height,
    plot: plot.height / s.height,
    width: stage.querySelector('.figure').getBoundingClientRect().width / s.width,
    labels,
  };
}"""


def test_chart_text_lines_and_height_at_1280(app_server, shared_context):
    """Issue 27: the Present page's charts at 1280×720 read like the deck's. Chart
    text is 20 pt or more on a slide's scale, every bar's name and label takes at
    most two lines and stays in the frame, and the chart (its headline, case
    study and bars) takes 60% of the slide's height or more."""
    pg = sized_page(shared_context, 1280, 720)
    try:
        measured = {}
        for number in (3, 5, 7):
            visit(pg, f"{app_server.url}/present?slide={number}")
            _go_to(pg, number, 13)
            chart = _stage(pg).evaluate(CHART_FIT)
            assert chart is not None, f"slide {number} has no chart"
            labels = chart.pop("labels")
            measured[number] = chart
            screenshot(pg, f"present_1280x720_chart_slide{number:02d}")
            assert chart["text_pt"] >= 19.9, (number, chart)
            assert chart["figure"] >= 0.6 and chart["width"] >= 0.9, (number, chart)
            assert labels and all(x["lines"] <= 2 and x["inside"] for x in labels), (number, labels)
        # Slide 11: Bodmin's one result with a figure has no goal to draw it against:
        # it is written, not drawn (its referrals, with no figure, are in the notes).
        visit(pg, f"{app_server.url}/present?slide=11")
        _go_to(pg, 11, 13)
        assert _stage(pg).evaluate(CHART_FIT) is None
        expect(_stage(pg)).to_contain_text("4 follow-on initiatives Cornwall Council delivers with DWP")
        print({n: {k: round(v, 2) for k, v in c.items()} for n, c in measured.items()})
    finally:
        pg.close()


def test_full_screen_with_f_and_esc(app_server, shared_context):
    pg = sized_page(shared_context, 1280, 720)
    try:
        open_page(pg, f"{app_server.url}/present?slide=3")
        _go_to(pg, 3, 13)
        pg.get_by_text("Show speaker notes below the slide").click()  # focus in a widget
        # With the notes shown the frame is smaller; full screen must still fill the screen.
        expect(pg.locator(".notes-panel")).to_be_visible(timeout=30_000)
        pg.keyboard.press("f")
        pg.wait_for_function(
            "() => document.fullscreenElement !== null"
            " || [...document.querySelectorAll('*')].some(e => e.shadowRoot?.querySelector('.pseudo-full'))"
        )
        m = _stage(pg).evaluate(MEASURE)
        # The frame fills the screen (letterboxed), controls and notes are not shown.
        assert m["width"] >= m["vw"] - 1 or m["height"] >= m["vh"] - 1, m
        screenshot(pg, "present_1280x720_fullscreen_slide03")
        pg.keyboard.press("ArrowRight")
        _go_to(pg, 4, 13)
        still_full = pg.evaluate("() => document.fullscreenElement !== null")
        pg.keyboard.press("Escape")
        pg.wait_for_function("() => document.fullscreenElement === null")
        expect(_stage(pg)).to_be_visible()
        m = _stage(pg).evaluate(MEASURE)
        assert m["width"] < m["vw"] - 50, m  # back in the page
        assert still_full, "moving a slide left full screen"
    finally:
        pg.close()


def test_presenter_view_drives_the_room_and_back(app_server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    presenter = ctx.new_page()
    room = ctx.new_page()
    other = ctx.new_page()
    try:
        presenter.goto(f"{app_server.url}/present?view=presenter")
        expect(presenter.locator(".status .code strong")).to_have_text(
            re.compile(r"^[A-Z0-9]{6}$"), timeout=30_000
        )
        code = presenter.locator(".status .code strong").inner_text()
        assert f"session={code}" in presenter.url
        expect(presenter.locator(".status .counter")).to_have_text("Slide 1 of 13")
        expect(presenter.locator(".next .stage")).to_contain_text("In numbers")
        expect(presenter.locator(".notes")).to_contain_text("Welcome the room")
        expect(presenter.locator(".timer")).to_have_text(re.compile(r"^0:0[1-9]$"), timeout=10_000)

        # A second facilitator's session, which must never move with the first.
        other.goto(f"{app_server.url}/present?view=presenter")
        expect(other.locator(".status .code strong")).to_have_text(
            re.compile(r"^[A-Z0-9]{6}$"), timeout=30_000
        )
        other_code = other.locator(".status .code strong").inner_text()
        assert other_code != code
        # Closed until the end: every open window polls the server twice a second,
        # and on a loaded two-core machine a third poller slowed the others' follows
        # past 20 s. It is opened again at the end to show it never moved.
        other.close()

        room.goto(f"{app_server.url}/present?session={code}")
        _go_to(room, 1, 13, settle=False)

        presenter.bring_to_front()
        presenter.keyboard.press("ArrowRight")
        start = time.monotonic()
        _go_to(room, 2, 13, settle=False)
        lag_to_room = time.monotonic() - start
        expect(presenter.locator(".status .counter")).to_have_text("Slide 2 of 13")

        room.bring_to_front()
        room.keyboard.press("ArrowRight")
        start = time.monotonic()
        # As patient as _go_to: under load a follow took up to 26 s here.
        expect(presenter.locator(".status .counter")).to_have_text("Slide 3 of 13", timeout=90_000)
        lag_to_presenter = time.monotonic() - start
        expect(presenter.locator(".next .stage")).to_contain_text("Structures: four things")
        _go_to(room, 3, 13, settle=False)

        presenter.get_by_role("button", name="Next →").click()
        _go_to(room, 4, 13, settle=False)
        presenter.get_by_role("button", name="Restart timer").click()
        # The restart shows once the click's run is drawn (slow under load); the
        # timer then reads from the restart, whatever the delay.
        expect(presenter.locator(".timer")).to_have_text(re.compile(r"^0:0[0-3]$"), timeout=90_000)
        other = ctx.new_page()
        other.goto(f"{app_server.url}/present?view=presenter&session={other_code}")
        expect(other.locator(".status .code strong")).to_have_text(other_code, timeout=90_000)
        expect(other.locator(".status .counter")).to_have_text("Slide 1 of 13")
        print(f"room followed in {lag_to_room:.2f} s; presenter followed in {lag_to_presenter:.2f} s")
        screenshot(presenter, "present_presenter_view_1280x800")
        violations = axe_violations(presenter)
        assert not violations, describe_violations(violations)
    finally:
        ctx.close()


def test_slides_are_accessible(app_server, shared_context):
    pg = sized_page(shared_context, 1280, 720)
    try:
        open_page(pg, f"{app_server.url}/present")
        pg.mouse.click(1275, 360)  # the page itself, no widget
        for slide in range(1, 14):
            _go_to(pg, slide, 13)
            if slide in (1, 2, 3, 11, 13):  # one of each kind of slide
                violations = axe_violations(pg)
                assert not violations, (slide, describe_violations(violations))
            pg.keyboard.press("ArrowRight")
    finally:
        pg.close()


def test_notes_panel_is_accessible_and_outside_the_frame(app_server, shared_context):
    pg = sized_page(shared_context, 1280, 720)
    try:
        open_page(pg, f"{app_server.url}/present?slide=3")
        _go_to(pg, 3, 13)
        pg.get_by_text("Show speaker notes below the slide").click()
        panel = pg.locator(".notes-panel")
        expect(panel).to_contain_text("The chart in words")
        stage = _stage(pg).bounding_box()
        assert panel.bounding_box()["y"] >= stage["y"] + stage["height"]  # under the frame, never in it
        violations = axe_violations(pg)
        assert not violations, describe_violations(violations)
    finally:
        pg.close()


def test_a_4k_projector_gets_the_same_slide_scaled_up(app_server, shared_context):
    pg = sized_page(shared_context, 3840, 2160)
    try:
        open_page(pg, f"{app_server.url}/present?slide=2")
        pg.mouse.click(3835, 1080)
        for slide in (2, 3, 13):
            if slide == 13:
                pg.keyboard.press("End")
            elif slide > 2:
                pg.keyboard.press("ArrowRight")
            _go_to(pg, slide, 13)
            m = _stage(pg).evaluate(MEASURE)
            assert m["right"] <= m["vw"] and m["bottom"] <= m["vh"] and m["width"] > 3000, (slide, m)
            assert not m["overflow"] and not m["scrolls"], (slide, m["overflow"])
            title = "s => parseFloat(getComputedStyle(s.querySelector('.title')).fontSize)"
            title_px = _stage(pg).evaluate(title)
            assert title_px > 80, (slide, title_px)  # scaled with the frame, not stuck at a laptop size
    finally:
        pg.close()


# Finds the slideshow's root inside the component's shadow root.
FIND_ROOT_JS = """  const find = (root) => {
    const el = root.querySelector('.fb-root');
    if (el) return el;
    for (const host of root.querySelectorAll('*')) {
      if (host.shadowRoot) { const found = find(host.shadowRoot); if (found) return found; }
    }
    return null;
  };
"""


# Press → in the page itself and read the counter and the slide before the
# key handler has even returned to the browser: no server round trip in between.
PRESS_AND_READ_JS = (
    "() => {\n"
    + FIND_ROOT_JS
    + """  const show = find(document);
  const read = () => [show.querySelector('.controls .where').textContent,
                      show.querySelector('.screen .stage').getAttribute('aria-label')];
  const before = read();
  window.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
  return [before, read()];
}"""
)


def test_a_slide_moves_the_moment_the_key_is_pressed(app_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{app_server.url}/present?slide=2")
    before, after = page.evaluate(PRESS_AND_READ_JS)
    assert before == ["2 of 13", "Slide 2 of 13"]
    assert after == ["3 of 13", "Slide 3 of 13"]
    # The server's answer then agrees, and the address follows.
    page.wait_for_url(re.compile(r"slide=3"), timeout=PATIENCE_MS)
    wait_for_app(page, timeout=PATIENCE_MS)
    assert page.locator(".fb-root .controls .where").inner_text() == "3 of 13"


# What has keyboard focus, seen through shadow roots, and whether it draws a ring.
ACTIVE_JS = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  const s = el ? getComputedStyle(el) : null;
  return {
    tag: el ? el.tagName : null,
    cls: el ? String(el.className || '') : '',
    in_frame: Boolean(el && el.closest && el.closest('.fb-root')),
    // The frame's resting edge is a 1 px grey line; a focus ring is anything more.
    ring: Boolean(s && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 1)
                        || s.boxShadow !== 'none')),
  };
}"""


def _choose(pg, label: str, option: str) -> None:
    """Pick an option of a select box with the mouse, as a facilitator does."""
    box = pg.get_by_label(label, exact=True)
    box.click()
    box.type(option[:4])  # a long list shows only some options until it is filtered
    pg.get_by_role("option", name=option, exact=True).click()
    wait_for_app(pg)


def test_keys_work_at_once_after_a_focus_is_chosen_with_the_mouse(app_server, shared_context):
    """The review's F1: choose Barrier = Culture and Place = Bodmin with the mouse at
    1280x720, then the keys must work on the very next press (no click on the slide
    first), F goes full screen, and the projected frame shows no focus ring."""
    pg = sized_page(shared_context, 1280, 720)
    try:
        open_page(pg, f"{app_server.url}/present")
        _go_to(pg, 1, 13)
        expect(_stage(pg)).to_contain_text("Press → to start")
        pg.get_by_text("Focus the session and download the deck").click()
        _choose(pg, "Barrier", "Culture")
        _choose(pg, "Place", "Bodmin")
        total = _total(pg)
        _go_to(pg, 1, total)
        active = pg.evaluate(ACTIVE_JS)
        assert active["in_frame"], f"after choosing a focus the keys go to {active}"
        assert not active["ring"], f"the projected frame has a focus ring: {active}"
        pg.keyboard.press("ArrowRight")
        _go_to(pg, 2, total)
        expect(_stage(pg)).not_to_contain_text("Press → to start")
        pg.keyboard.press("f")
        pg.wait_for_function(
            "() => document.fullscreenElement !== null"
            " || [...document.querySelectorAll('*')].some(e => e.shadowRoot?.querySelector('.pseudo-full'))"
        )
        screenshot(pg, "present_1280x720_bodmin_culture_fullscreen")
        pg.keyboard.press("Escape")
        # A click anywhere on the page (here the slide itself) keeps the keys and draws no ring.
        _stage(pg).click()
        active = pg.evaluate(ACTIVE_JS)
        assert not active["ring"], f"clicking the slide draws a focus ring: {active}"
        pg.keyboard.press("ArrowLeft")
        _go_to(pg, 1, total)
        screenshot(pg, "present_1280x720_bodmin_culture_slide01")
    finally:
        pg.close()


# The presenter view's counter, its "now" slide and the first line of its notes,
# read before and right after → is dispatched (no server round trip in between).
PRESENTER_PRESS_JS = (
    "() => {\n"
    + FIND_ROOT_JS
    + """  const show = find(document);
  const read = () => [show.querySelector('.status .counter').textContent,
                      show.querySelector('.now .stage').getAttribute('aria-label'),
                      (show.querySelector('.next .stage') || {textContent: ''}).textContent.slice(0, 60),
                      show.querySelector('.notes-body').textContent.slice(0, 40)];
  const before = read();
  window.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
  return [before, read()];
}"""
)


def test_the_presenter_sees_the_audience_link_by_the_timer_and_moves_at_once(app_server, shared_context):
    """Review M18 at 1280x720: the audience link and code sit beside the timer in the
    first screen, and the presenter's own slide, next slide and notes move the moment
    a key is pressed; the server then agrees."""
    pg = sized_page(shared_context, 1280, 720)
    try:
        open_page(pg, f"{app_server.url}/present?view=presenter&slide=2")
        code_el = pg.locator(".status .code strong")
        expect(code_el).to_have_text(re.compile(r"^[A-Z0-9]{6}$"), timeout=30_000)
        code = code_el.inner_text()
        link = pg.locator(".status a.audience")
        expect(link).to_have_attribute("href", f"present?session={code}")
        box, timer = link.bounding_box(), pg.locator(".status .timer").bounding_box()
        assert box["y"] + box["height"] <= 720, f"the audience link is below the first screen: {box}"
        assert abs(box["y"] - timer["y"]) < 60, f"the audience link is not beside the timer: {box} {timer}"
        wait_for_app(pg)
        before, after = pg.evaluate(PRESENTER_PRESS_JS)
        assert before[:2] == ["Slide 2 of 13", "Slide 2 of 13"], before
        assert after[:2] == ["Slide 3 of 13", "Slide 3 of 13"], after
        assert after[2] != before[2] and after[3] != before[3], (before, after)
        expect(pg.locator(".status .counter")).to_have_text("Slide 3 of 13")
        wait_for_app(pg)
        # The server's answer draws the same: next slide and notes of slide 3.
        assert pg.evaluate(PRESENTER_PRESS_JS.replace("window.dispatchEvent", "void"))[0][2:] == after[2:]
        screenshot(pg, "present_presenter_view_1280x720")
    finally:
        pg.close()
