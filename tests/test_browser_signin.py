"""The review's two sign-in attacks, replayed on the real app in Chromium and
with a raw websocket client (security review 2026-11-28, findings 6 and 7):

- guessing from a new browser session each time, which used to give every
  session five fresh attempts;
- taking over a signed-in analyst's session with its id, which is in every
  upload URL (/_stcore/upload_file/<session id>/…) and so in proxy logs."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from bench.ws_load import run_finished
from fivebarriers import auth, throttle
from tests.conftest import PATIENCE_MS, AppServer, screenshot, wait_for_app
from tests.test_ingest import outputs_csv

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"


# The server's first wait after the free guesses: far longer than a guess takes,
# so the test sees the refusal at once instead of waiting out 1 + 2 + 4 + 8 s of
# real back-offs (the doubling itself is tested on a fake clock in test_signin.py).
FIRST_WAIT_S = 600


@pytest.fixture
def server(built_db: Path, tmp_path: Path):
    # A server per test: the throttle's counts live in the server process.
    db = tmp_path / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    app = AppServer(
        db,
        env={auth.ENV_HASH: auth.hash_password(PASSWORD), throttle.ENV_FIRST_WAIT: str(FIRST_WAIT_S)},
    )
    yield app
    app.stop()


def try_password(context, url: str, password: str) -> str:
    """One guess from a brand-new Streamlit session (a new page: the app keeps
    nothing in cookies or storage, so a new page is a new session); what the page then says."""
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)  # a shared two-core machine can take a minute to draw
    try:
        page.goto(f"{url}/upload")
        page.get_by_label("Upload password").wait_for(timeout=PATIENCE_MS)
        page.get_by_label("Upload password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_selector('[data-testid="stAlert"], [data-testid="stFileUploader"]', timeout=PATIENCE_MS)
        wait_for_app(page, timeout=PATIENCE_MS)
        screenshot(page, "signin_guess")
        return page.locator('[data-testid="stMain"]').inner_text()
    finally:
        page.close()


def test_guessing_from_new_sessions_is_throttled(server, shared_context) -> None:
    """Before: 29 wrong guesses over 6 sessions, then the right one signed in.

    Now each guess is a new page (a new Streamlit session), as fast as Chromium
    goes. The address's free guesses are checked; the next guess, though from
    yet another session, is refused with the wait; and so is the right password."""
    free = throttle.FREE_PER_ADDRESS
    started = time.monotonic()
    for guess in range(free):
        said = try_password(shared_context, server.url, f"wrong-guess-{guess:03d}")
        assert "not right" in said, said
    said = try_password(shared_context, server.url, f"wrong-guess-{free:03d}")
    assert "Too many wrong passwords" in said and "not right" not in said, said
    final = try_password(shared_context, server.url, PASSWORD)
    elapsed = time.monotonic() - started
    assert elapsed < FIRST_WAIT_S, "the guesses took longer than the wait: the test proves nothing"
    assert "Too many wrong passwords" in final and "Choose the file" not in final, final
    print(f"{free} guesses checked, 2 refused, in {elapsed:.0f} s")


def session_id_of_signed_in_analyst(page, url: str, csv: Path) -> str:
    """Sign in, then upload a file, as the analyst does; the upload's URL
    carries the session id, as a proxy's access log would."""
    seen: list[str] = []
    page.set_default_timeout(PATIENCE_MS)
    page.on("request", lambda r: seen.append(r.url) if "/_stcore/upload_file/" in r.url else None)
    page.goto(f"{url}/upload")
    page.get_by_label("Upload password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=PATIENCE_MS)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(csv))
    page.wait_for_selector("text=Check it", timeout=PATIENCE_MS)
    match = re.search(r"/_stcore/upload_file/([^/]+)/", seen[0])
    assert match, seen
    return match.group(1)


def attach_and_render(url: str, session_id: str, timeout: float = 30) -> str:
    """The attacker: a websocket presenting the victim's session id (as
    subprotocol 'streamlit, x, <id>'), asking for the upload page; returns
    every text the server sent back."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    texts: list[str] = []
    with connect(ws_url, subprotocols=["streamlit", "x", session_id], origin=url) as ws:
        msg = BackMsg()
        msg.rerun_script.page_name = "upload"
        ws.send(msg.SerializeToString())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                raw = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            texts.append(str(forward))
            if run_finished(forward):
                break
    return "\n".join(texts)


def test_a_stolen_session_id_is_not_signed_in(server, browser, tmp_path: Path) -> None:
    """Before: the attacker's socket got the signed-in page with Load and Undo."""
    csv = outputs_csv(tmp_path / "wave.csv")
    context = browser.new_context(viewport={"width": 1200, "height": 1600})
    try:
        victim = context.new_page()
        session_id = session_id_of_signed_in_analyst(victim, server.url, csv)
        seen_by_attacker = attach_and_render(server.url, session_id)
    finally:
        context.close()
    assert "Upload password" in seen_by_attacker, seen_by_attacker[-2000:]
    assert "Choose the file" not in seen_by_attacker
    assert "Load history" not in seen_by_attacker
    assert "Undo a load" not in seen_by_attacker
