"""Sign-in throttling shared by every session of the process.

A browser session is no unit of trust: a script opens a new one per guess.
So wrong passwords are counted per client address AND for the whole process
(every address together), in one object that every Streamlit session of the
process sees. Each bucket allows a few wrong passwords freely; after that
the next attempt must wait, and the wait doubles with every further wrong
password (1 s, 2 s, 4 s … up to an hour). An attempt during the wait is
refused before the password is even checked, so waiting costs the guesser
time, not the server CPU. A right password clears its address's count; the
global count decays as its wait runs out. Counts are forgotten a day after
the last wrong password.

Several app replicas each keep their own counts (a load balancer that sends
a client's new sessions to other replicas multiplies the free attempts by
the number of replicas, and no more): see docs/operators.md, "Sign-in to the Add data page"."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

FREE_PER_ADDRESS = 5
FREE_GLOBAL = 20
FIRST_WAIT_S = 1.0
MAX_WAIT_S = 3600.0  # one address: at most one guess an hour once it has failed often
# Everyone together: capped lower, so a guesser spread over many addresses is
# slowed to one guess a minute without locking analysts out for an hour.
MAX_GLOBAL_WAIT_S = 60.0
FORGET_AFTER_S = 24 * 3600.0
GLOBAL = "*"
# The first wait, in seconds, for a stricter deployment (and for the browser
# test, which sets a long one so that it sees the refusal without waiting out
# real back-offs). It can only lengthen the wait: a value below FIRST_WAIT_S,
# or not a number, is ignored.
ENV_FIRST_WAIT = "FIVEBARRIERS_SIGNIN_FIRST_WAIT_S"


@dataclass
class _Bucket:
    failures: int = 0
    last_failure: float = 0.0

    def wait_until(self, free: int, first_wait: float, cap: float) -> float:
        if self.failures < free:
            return 0.0
        wait = min(first_wait * 2 ** min(self.failures - free, 32), max(cap, first_wait))
        return self.last_failure + wait


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_s: float = 0.0


class Throttle:
    """Thread-safe counts of wrong passwords per address and globally."""

    def __init__(
        self,
        free_per_address: int = FREE_PER_ADDRESS,
        free_global: int = FREE_GLOBAL,
        clock: Callable[[], float] = time.monotonic,
        first_wait_s: float = FIRST_WAIT_S,
    ):
        self.first_wait_s = max(FIRST_WAIT_S, first_wait_s)
        self.free_global = free_global
        self.free_per_address = free_per_address
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def _bucket(self, key: str, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None or (bucket.failures and now - bucket.last_failure > FORGET_AFTER_S):
            bucket = self._buckets[key] = _Bucket()
        return bucket

    def attempt(self, address: str) -> Decision:
        """Ask to check one password from `address`. When allowed, the attempt
        is counted as wrong at once (so parallel sessions cannot all slip in
        before the first result); call succeeded() if the password was right."""
        with self._lock:
            now = self.clock()
            buckets = {key: self._bucket(key, now) for key in (f"addr:{address}", GLOBAL)}
            until = max(
                buckets[GLOBAL].wait_until(self.free_global, self.first_wait_s, MAX_GLOBAL_WAIT_S),
                buckets[f"addr:{address}"].wait_until(self.free_per_address, self.first_wait_s, MAX_WAIT_S),
            )
            if now < until:
                return Decision(False, until - now)
            for bucket in buckets.values():
                bucket.failures += 1
                bucket.last_failure = now
            return Decision(True)

    def succeeded(self, address: str) -> None:
        """The password was right: take back this attempt's counts and clear the address."""
        with self._lock:
            self._buckets.pop(f"addr:{address}", None)
            glob = self._buckets.get(GLOBAL)
            if glob and glob.failures:
                glob.failures -= 1

    def failures(self, address: str) -> int:
        with self._lock:
            bucket = self._buckets.get(f"addr:{address}")
            return bucket.failures if bucket else 0


def configured_first_wait(environ: dict[str, str] | None = None) -> float:
    """The first wait set in the environment, never shorter than FIRST_WAIT_S."""
    value = (os.environ if environ is None else environ).get(ENV_FIRST_WAIT)
    if not value:
        return FIRST_WAIT_S
    try:
        seconds = float(value)
    except ValueError:
        log.warning("%s=%r is not a number of seconds: using %s", ENV_FIRST_WAIT, value, FIRST_WAIT_S)
        return FIRST_WAIT_S
    if not seconds >= FIRST_WAIT_S:  # also refuses NaN
        log.warning("%s=%r is shorter than %s s: using %s", ENV_FIRST_WAIT, value, FIRST_WAIT_S, FIRST_WAIT_S)
        return FIRST_WAIT_S
    return seconds


# The one instance every session of this process shares.
SIGN_IN = Throttle(first_wait_s=configured_first_wait())


def describe_wait(seconds: float) -> str:
    seconds = max(1, round(seconds))
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{round(seconds / 60)} minutes"
