"""The sign-in throttle's first wait can be made longer, never shorter: a
stricter deployment sets it, and the browser test sets a long one so that it
sees a refusal without waiting out real back-offs."""

from __future__ import annotations

import pytest

from fivebarriers import throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def waits(t: throttle.Throttle, clock: Clock, address: str, times: int) -> list[float]:
    """The waits an address is told after its free guesses, each waited out."""
    found = []
    for _ in range(times):
        refused = t.attempt(address)
        assert not refused.allowed
        found.append(refused.retry_after_s)
        clock.now += refused.retry_after_s
        assert t.attempt(address).allowed
    return found


def test_a_longer_first_wait_doubles_from_there() -> None:
    clock = Clock()
    t = throttle.Throttle(free_per_address=2, free_global=1000, clock=clock, first_wait_s=30)
    assert [t.attempt("10.0.0.9").allowed for _ in range(2)] == [True, True]
    assert waits(t, clock, "10.0.0.9", 4) == [30, 60, 120, 240]


def test_the_first_wait_is_never_shorter_than_a_second() -> None:
    clock = Clock()
    t = throttle.Throttle(free_per_address=1, free_global=1000, clock=clock, first_wait_s=0.001)
    assert t.attempt("10.0.0.9").allowed
    assert waits(t, clock, "10.0.0.9", 3) == [1, 2, 4]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, 1.0),
        ("", 1.0),
        ("120", 120.0),
        ("2.5", 2.5),
        ("0.01", 1.0),
        ("-5", 1.0),
        ("nan", 1.0),
        ("soon", 1.0),
    ],
)
def test_the_setting_only_lengthens_the_wait(value: str | None, seconds: float) -> None:
    environ = {} if value is None else {throttle.ENV_FIRST_WAIT: value}
    assert throttle.configured_first_wait(environ) == seconds
