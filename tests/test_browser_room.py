"""A workshop's room answering from its phones, end to end on the real app:
one presenter window, one room window and 30 participants (3 phones in real
Chromium at 390×844, one of them by keyboard alone, and 27 websocket
clients speaking Streamlit's protocol, bench/room_client.py). Each answers,
some change their answer; the room's chart shows the right counts, and how
long after the last answer it showed them is printed (the issue asks for
2 s; no timing assertion on a shared machine); the question is closed and
the counts stay frozen. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
import threading
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from bench.room_client import Phone
from fivebarriers.workshop import room_votes
from tests.conftest import (
    PATIENCE_MS,
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    screenshot,
)

pytestmark = pytest.mark.browser
expect.set_options(timeout=60_000)

BARRIERS = ("Structures", "Priorities", "Funding", "Data-sharing", "Culture")
SOCKET_PHONES = 27


def _counts(panel_text: str) -> dict[str, int]:
    """{'Structures': 3, …} from the room panel's text (each label, then its count)."""
    found = {}
    for label in BARRIERS:
        match = re.search(rf"(?m)^{re.escape(label)}\s*\n\s*(\d+)\s*$", panel_text)
        found[label] = int(match.group(1)) if match else -1
    return found


def _socket_phone(
    url: str, code: str, i: int, expected: list[str], done: list[float], errors: list[str]
) -> None:
    """One participant: answers, and every third one changes their mind."""
    phone = Phone(url, code, room_votes.new_token(), timeout=PATIENCE_MS / 1000)
    try:
        phone.open()
        choice = BARRIERS[i % 5]
        phone.answer(choice)
        if i % 3 == 0:
            time.sleep(room_votes.MIN_GAP_S + 0.2)
            choice = BARRIERS[(i + 2) % 5]
            phone.answer(choice)
        if not any(f"Your answer: {choice}." in t for t in phone.texts):
            errors.append(f"phone {i}: {phone.texts}")
        expected.append(choice)
        done.append(time.monotonic())
    except Exception as exc:  # reported by the test
        errors.append(f"phone {i}: {type(exc).__name__}: {exc}")
    finally:
        phone.close()


def _watch_tab(pg) -> list[str]:
    """What happens to a tab (its socket to the server, crashes, errors), each with
    its time: read by _presenter_report when the test fails."""
    events: list[str] = []
    started = time.monotonic()

    def note(what: str) -> None:
        if not events or not events[-1].endswith(what):  # a repeated line once
            events.append(f"{time.monotonic() - started:6.1f} s {what}")

    def socket(ws) -> None:
        note(f"socket opened {ws.url}")
        ws.on("close", lambda _: note("socket closed"))
        ws.on("socketerror", lambda e: note(f"socket error {e}"))

    pg.on("websocket", socket)
    pg.on("crash", lambda _: note("the tab crashed"))
    pg.on("framenavigated", lambda f: note(f"navigated to {f.url}") if f == pg.main_frame else None)
    pg.on(
        "console",
        lambda m: note(f"console {m.type}: {m.text[:300]}") if m.type in ("error", "warning") else None,
    )
    pg.on("pageerror", lambda e: note(f"page error: {str(e)[:300]}"))
    return events


def _presenter_report(presenter, app_server, events: list[str]) -> str:
    """What a stuck presenter's page shows, what happened to its tab, and the server's last lines."""
    log = app_server.log.read_text(errors="replace").splitlines()[-30:]
    try:
        shot = screenshot(presenter, "room_presenter_without_reopen")
        state = presenter.evaluate("() => document.querySelector('.stApp')?.dataset.testScriptState")
        html = presenter.evaluate("() => document.body.outerHTML")
    except Exception as exc:  # a crashed tab answers nothing
        shot, state, html = None, None, f"({exc})"
    return (
        f"no Reopen button on the presenter's page at {presenter.url} (run state {state}, {shot}).\n"
        "The tab's events:\n"
        + "\n".join(events[-60:])
        + f"\nIts HTML ({len(html)} characters):\n{html[:3000]}\n"
        "The server's last lines:\n" + "\n".join(log)
    )


def _visit(pg, url: str) -> None:
    """Open a page that polls (the room's window, a phone): Streamlit runs its
    fragment again every second or two, so "the script has finished" may never
    be seen on a busy machine; the caller waits for what it needs instead."""
    pg.goto(url, timeout=2 * PATIENCE_MS, wait_until="commit")


def test_a_workshop_room_answers_from_its_phones(app_server, browser):
    presenter = browser.new_context(viewport={"width": 1280, "height": 1600}).new_page()
    events = _watch_tab(presenter)
    open_page(presenter, f"{app_server.url}/present?view=presenter&place=bodmin")
    presenter.get_by_role("button", name="Show the question to the room").click()
    expect(presenter.locator(".room-panel")).to_be_visible()
    session = re.search(r"session=([A-Z0-9]+)", presenter.url).group(1)
    code = re.search(r"with the code ([A-Z0-9]{8})", presenter.inner_text("body")).group(1)

    room = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    _visit(room, f"{app_server.url}/present?session={session}")
    panel = room.locator(".room-panel")
    expect(panel).to_contain_text("Which barrier holds your place back most?", timeout=PATIENCE_MS)
    expect(panel).to_contain_text(f"127.0.0.1:{app_server.port}/vote?c={code}")
    expect(panel.locator("img.qr")).to_have_attribute("alt", "QR code for the join address")
    expect(panel).to_contain_text("0 answers so far")

    expected: list[str] = []
    done: list[float] = []
    errors: list[str] = []
    # Three phones in Chromium: one taps, one taps then changes, one uses the keyboard alone.
    # One browser context for the three (each page is its own participant: the token is in its
    # address), so Streamlit's scripts download once on a busy machine.
    phone_context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    phones = []
    for _ in range(3):
        phone = phone_context.new_page()
        _visit(phone, f"{app_server.url}/vote?c={code}")
        expect(phone.get_by_role("button", name="Culture")).to_be_visible(timeout=2 * PATIENCE_MS)
        phones.append(phone)
    phones[0].get_by_role("button", name="Funding").click()
    expected.append("Funding")
    phones[1].get_by_role("button", name="Culture").click()
    expect(phones[1].get_by_text("Your answer: Culture.")).to_be_visible()
    phones[1].wait_for_timeout(room_votes.MIN_GAP_S * 1000 + 200)
    phones[1].get_by_role("button", name="Priorities").click()
    expected.append("Priorities")
    phones[2].keyboard.press("Tab")
    for _ in range(6):  # Tab until a focused answer button, then Enter
        if phones[2].evaluate("() => document.activeElement?.closest('.st-key-vote_options') !== null"):
            break
        phones[2].keyboard.press("Tab")
    focused = phones[2].evaluate("() => document.activeElement.innerText")
    phones[2].keyboard.press("Enter")
    expected.append(focused.strip())
    for phone, choice in zip(phones, expected, strict=True):
        expect(
            phone.get_by_text(
                f"Your answer: {choice}. You can change it until the facilitator closes the question."
            )
        ).to_be_visible()
    done.append(time.monotonic())
    # Phone pages have no personal data: only the code and a random token in the address.
    assert re.fullmatch(rf".*/vote\?c={code}&p=[A-Za-z0-9_-]{{22}}", phones[0].url), phones[0].url
    scroll = phones[0].evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert scroll, "the phone page scrolls sideways at 390 px"
    height = phones[0].get_by_role("button", name="Structures").bounding_box()["height"]
    assert height >= 48, f"answer buttons are {height} px high: too small to tap"
    screenshot(phones[0], "room_phone_390x844")
    violations = axe_violations(phones[0])
    assert not violations, describe_violations(violations)

    threads = [
        threading.Thread(target=_socket_phone, args=(app_server.url, code, i, expected, done, errors))
        for i in range(SOCKET_PHONES)
    ]
    for t in threads:  # people arrive a moment apart, not in one instant
        t.start()
        time.sleep(0.2)
    for t in threads:
        t.join(600)
    assert not errors, errors[:5]
    assert len(expected) == 3 + SOCKET_PHONES
    last = max(done)
    want = {b: expected.count(b) for b in BARRIERS}
    # The total alone is not enough: it reaches 30 before the last changes of mind arrive.
    deadline = time.monotonic() + PATIENCE_MS / 1000
    while (shown := _counts(panel.inner_text())) != want and time.monotonic() < deadline:
        room.wait_for_timeout(100)
    shown_after = time.monotonic() - last
    assert shown == want
    expect(panel).to_contain_text(f"{len(expected)} answers so far")
    print(f"the room's chart showed all {len(expected)} answers {shown_after:.2f} s after the last one")
    screenshot(room, "room_1920x1080_answers")

    presenter.evaluate("() => console.warn('the test clicks Close')")  # a mark among the tab's events
    presenter.get_by_role("button", name="Close the question").click()
    expect(panel).to_contain_text(f"Answers are closed: {len(expected)} answers.")
    expect(
        phones[0].get_by_text("The facilitator has closed this question. Your answer: Funding.")
    ).to_be_visible()
    late = Phone(app_server.url, code, room_votes.new_token())
    try:
        late.open()
        assert not late.buttons, "a closed question still offers answers"
        assert any("has closed this question" in t for t in late.texts), late.texts
    finally:
        late.close()
    frozen = _counts(panel.inner_text())
    assert frozen == want
    assert_no_exception(presenter)
    assert_no_exception(room)

    # The presenter's page, the room's and three phones all poll: on a busy
    # machine the rerun after "Close" can take longer than a click's 30 s.
    reopen = presenter.get_by_role("button", name="Reopen the question")
    try:
        reopen.wait_for(timeout=PATIENCE_MS)
    except PlaywrightTimeoutError:
        # Say what the tab went through (CI, stop 35: Streamlit's page code had
        # stopped and the page was blank), so a failure names its cause.
        raise AssertionError(_presenter_report(presenter, app_server, events)) from None
    reopen.click()
    expect(panel).to_contain_text(f"{len(expected)} answers so far")
    expect(phones[0].get_by_role("button", name="Structures")).to_be_visible()
    # Streamlit's page code stopped on the presenter's page in some runs under load
    # (views/recover.py): say so when the page had to load itself again.
    reloads = [e for e in events if "navigated to" in e][2:]  # after its first load and its session's code
    if reloads:
        errors = [e for e in events if "page error" in e]
        print("the presenter's page loaded itself again:\n" + "\n".join(errors + reloads))
    for context in (presenter.context, room.context, phone_context):
        context.close()


@pytest.mark.parametrize(
    "query, says",
    [
        ("c=ZZZZZZZZ", "No workshop is open with the code ZZZZZZZZ"),
        ("c=<b>x</b>", "is not a room code"),
        ("", "Scan the QR code on the screen"),
    ],
)
def test_the_phone_page_says_plainly_when_there_is_no_question(app_server, browser, query, says):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = ctx.new_page()
        _visit(phone, f"{app_server.url}/vote?{query}")
        expect(phone.get_by_text(says)).to_be_visible(timeout=PATIENCE_MS)
        assert (
            phone.locator('[data-testid="stSidebar"]').count() == 0
            or not phone.locator('[data-testid="stSidebar"]').is_visible()
        )
        assert_no_exception(phone)
    finally:
        ctx.close()
