"""Sign-in throttling across sessions and sign-in tokens bound to a connection
(security review 2026-11-28, findings 6 and 7): the rules, and the upload
page in AppTest, where every AppTest is a session of its own."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers import auth, throttle
from fivebarriers.config import ROOT

PASSWORD = "correct-horse-battery"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fail(t: throttle.Throttle, address: str, times: int) -> list[bool]:
    return [t.attempt(address).allowed for _ in range(times)]


def test_an_address_gets_a_few_free_guesses_then_exponential_waits() -> None:
    clock = Clock()
    t = throttle.Throttle(free_per_address=5, free_global=1000, clock=clock)
    assert fail(t, "10.0.0.1", 5) == [True] * 5
    waits = []
    for _ in range(5):
        refused = t.attempt("10.0.0.1")
        assert not refused.allowed
        waits.append(round(refused.retry_after_s))
        clock.now += refused.retry_after_s
        assert t.attempt("10.0.0.1").allowed  # the wait is over: one more guess
    assert waits == [1, 2, 4, 8, 16]
    # Another address is not held up by this one.
    assert t.attempt("10.0.0.2").allowed


def test_a_right_password_clears_its_address() -> None:
    t = throttle.Throttle(free_per_address=3, free_global=1000, clock=Clock())
    fail(t, "a", 2)
    assert t.attempt("a").allowed
    t.succeeded("a")
    assert t.failures("a") == 0
    assert fail(t, "a", 3) == [True] * 3


def test_guesses_spread_over_many_addresses_meet_the_global_limit() -> None:
    clock = Clock()
    t = throttle.Throttle(free_per_address=5, free_global=20, clock=clock)
    allowed = [t.attempt(f"10.0.{i}.1").allowed for i in range(40)]
    assert allowed == [True] * 20 + [False] * 20
    refused = t.attempt("192.168.0.9")
    assert not refused.allowed and refused.retry_after_s <= throttle.MAX_GLOBAL_WAIT_S


def test_the_waits_stop_growing_at_the_cap() -> None:
    clock = Clock()
    t = throttle.Throttle(free_per_address=1, free_global=10**9, clock=clock)
    for _ in range(40):
        decision = t.attempt("a")
        clock.now += decision.retry_after_s + 0.001
    assert t.attempt("a").retry_after_s <= throttle.MAX_WAIT_S


def test_parallel_sessions_cannot_slip_in_together() -> None:
    t = throttle.Throttle(free_per_address=5, free_global=1000)
    results: list[bool] = []
    start = threading.Barrier(50)

    def guess() -> None:
        start.wait()
        results.append(t.attempt("a").allowed)

    threads = [threading.Thread(target=guess) for _ in range(50)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results.count(True) == 5


def test_tokens_are_bound_to_their_connection_and_expire() -> None:
    token = auth.issue_token("connection-1", now=1000, ttl_s=60)
    assert auth.token_valid(token, "connection-1", now=1030)
    assert not auth.token_valid(token, "connection-2", now=1030)  # a takeover's connection
    assert not auth.token_valid(token, "connection-1", now=1060)  # expired
    expires, mac = token.split(".")
    assert not auth.token_valid(f"{int(expires) + 3600}.{mac}", "connection-1", now=1030)  # extended
    for forged in (True, 1, "", "x", "1.2", None):
        assert not auth.token_valid(forged, "connection-1", now=1030)


@pytest.fixture
def fresh_throttle(monkeypatch) -> throttle.Throttle:
    t = throttle.Throttle(clock=Clock())  # time stands still: no wait runs out mid-test
    monkeypatch.setattr(throttle, "SIGN_IN", t)
    return t


def new_session() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest, password: str) -> AppTest:
    next(t for t in at.text_input if t.label == "Upload password").input(password)
    next(b for b in at.button if b.label == "Sign in").click()
    at.run()
    assert not at.exception, at.exception
    return at


def signed_in(at: AppTest) -> bool:
    return any(h.value == "1. Choose the file" for h in at.header)


def test_new_sessions_do_not_reset_the_count(fresh_db: Path, monkeypatch, fresh_throttle) -> None:
    """Before: 5 wrong passwords per session, and a new session had 5 more."""
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    refused = 0
    for _ in range(4):  # four sessions, three wrong guesses each
        at = new_session()
        for _ in range(3):
            sign_in(at, "wrong-password-123")
            refused += any("Wait" in e.value for e in at.error)
    assert refused == 12 - throttle.FREE_PER_ADDRESS
    at = sign_in(new_session(), PASSWORD)
    assert not signed_in(at), "the right password must wait its turn too"
    assert any("Too many wrong passwords" in e.value for e in at.error)
    assert fresh_throttle.failures("local") == throttle.FREE_PER_ADDRESS


def test_a_right_password_signs_in_and_a_forged_flag_does_not(
    fresh_db: Path, monkeypatch, fresh_throttle
) -> None:
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    at = new_session()
    at.session_state["upload_signed_in"] = True  # the old flag
    at.session_state["upload_sign_in_token"] = "9999999999.forged"
    at.run()
    assert not signed_in(at)
    at = sign_in(new_session(), PASSWORD)
    assert signed_in(at)
    assert fresh_throttle.failures("local") == 0
