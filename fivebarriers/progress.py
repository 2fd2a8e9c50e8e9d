"""Progress of a long load, build, upgrade or synth: rows done of a total,
and the time left estimated from the rate so far (nothing cleverer: a rate
measured on this run is the most honest guess the program has).

A job may pass over its rows in steps (a load checks every row, then writes
every row): the bar counts rows done in the current step, and the time left
is for the whole job, from the share of all steps done so far.

Nothing is shown for the first SHOW_AFTER seconds: a job that ends sooner
needs no bar. Where it is drawn is the caller's: `terminal()` on the command
line (stderr, only on a terminal or when asked, so output a script reads
stays as it was), st.progress on the Add data page (views/upload.py).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

SHOW_AFTER = 2.0
# At most this often a bar is drawn again (each draw is a write to a terminal
# or a message to the browser), and at every new step.
EVERY = 0.25
# Asked for on the command line without a terminal (a log file, a CI job).
ENV_PROGRESS = "FIVEBARRIERS_PROGRESS"
_WIDTH = 24

Draw = Callable[["Progress"], None]


class Progress:
    """`done` rows of `total` in the current one of `steps`; hands itself to
    `draw` at most every `every` seconds, once SHOW_AFTER seconds have passed."""

    def __init__(
        self,
        total: int,
        steps: Sequence[str],
        draw: Draw | None,
        *,
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total = max(int(total), 0)
        self.steps = tuple(steps)
        self.step = 0
        self.done = 0
        self.closed = False
        self._draw = draw
        self._every = EVERY if every is None else every
        self._clock = clock
        self.started = clock()
        self._drawn_at: float | None = None

    @property
    def what(self) -> str:
        return self.steps[self.step]

    @property
    def elapsed(self) -> float:
        return self._clock() - self.started

    @property
    def fraction(self) -> float:
        """Share of the whole job done (every step counts its rows once)."""
        if not self.total:
            return 0.0
        return min((self.step * self.total + self.done) / (len(self.steps) * self.total), 1.0)

    def seconds_left(self) -> float | None:
        """From the rate so far; None until something is done."""
        share = self.fraction
        if share <= 0:
            return None
        return self.elapsed / share * (1 - share)

    @property
    def drawing(self) -> bool:
        """Whether anything will be drawn (a caller may quiet other bars)."""
        return self._draw is not None

    def shown(self) -> bool:
        return self._drawn_at is not None

    def update(self, done: int, step: str | None = None) -> None:
        before = self.step
        if step is not None:
            self.step = self.steps.index(step)
        self.done = min(max(int(done), 0), self.total)
        now = self._clock()
        if self._draw is None or now - self.started < SHOW_AFTER:
            return
        recent = self._drawn_at is not None and now - self._drawn_at < self._every
        if recent and self.step == before:
            return
        self._drawn_at = now
        self._draw(self)

    def set_total(self, total: int) -> None:
        """The rows, once known (a file's, after it is read)."""
        self.total = max(int(total), 0)

    def close(self) -> None:
        """The job ended (done or not): a bar that was shown is drawn once more, finished."""
        self.closed = True
        if self._draw is not None and self.shown():
            self._draw(self)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def text(self) -> str:
        """'writing: 420,000 of 1,000,000 rows (step 2 of 3), about 12 s left'."""
        step = f" (step {self.step + 1} of {len(self.steps)})" if len(self.steps) > 1 else ""
        left = self.seconds_left()
        tail = ""
        if left is not None and not self.closed:
            # Every row done, or under half a second by the rate, while the job
            # still runs (a load's commit, a build's last index): "about 0 s
            # left" would read as a job that hangs, so say what is happening.
            tail = ", finishing" if self.fraction >= 1 or left < 0.5 else f", about {_duration(left)} left"
        return f"{self.what}: {self.done:,} of {self.total:,} rows{step}{tail}"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


def wanted(stream: TextIO) -> bool:
    """Draw on `stream` only when a person watches it, or when asked."""
    if os.environ.get(ENV_PROGRESS, "") not in ("", "0"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal(stream: TextIO | None = None) -> Draw | None:
    """A drawer for the command line: one line rewritten in place ('\\r'),
    ended when the job closes; None when nobody is watching (see `wanted`)."""
    out = stream if stream is not None else sys.stderr
    if not wanted(out):
        return None

    def draw(p: Progress) -> None:
        filled = int(p.fraction * _WIDTH)
        bar = "#" * filled + "." * (_WIDTH - filled)
        out.write(f"\r[{bar}] {p.text()}\033[K" + ("\n" if p.closed else ""))
        out.flush()

    return draw
