"""Shared slide positions for a presenter view and its audience window.

A facilitator's presenter view opens a session with a short code (e.g.
"K7QX2M"); the audience window joins it with ?session=K7QX2M. Whichever window
moves writes the new slide here, and both windows poll it, so they follow
each other within a second. Each session is its own file, named by its code,
so two facilitators never touch each other's position.

Server-side and plain files on purpose: Streamlit runs each browser tab in its
own session (and may run several replicas on one host), so the position
cannot live in st.session_state. A write is a temp file then os.replace, so a
reader sees the old or the new position, never half of one. Codes are checked
against a strict pattern before they become a file name."""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from fivebarriers.workshop.model import Filters

ENV_DIR = "FIVEBARRIERS_PRESENT_DIR"
# No 0/O, 1/I/L: a code is read off a screen and typed in a hurry.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
CODE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
EXPIRE_SECONDS = 2 * 24 * 3600  # a workshop day, with room to spare


class UnknownSession(LookupError):
    """A code that is malformed or names no open session; the message says which."""


@dataclass(frozen=True)
class Position:
    code: str
    slide: int
    total: int
    filters: dict[str, str | None] = field(default_factory=dict)
    started: float = 0.0  # when the presenter's timer started (epoch seconds)
    updated: float = 0.0

    def focus(self) -> Filters:
        return Filters(**{k: v for k, v in self.filters.items() if k in ("place", "barrier", "programme")})


def normalise(raw: str | None) -> str:
    """A code as typed ('k7qx 2m') in its stored form ('K7QX2M')."""
    return re.sub(r"[\s-]+", "", raw or "").upper()


def store_dir() -> Path:
    default = Path(tempfile.gettempdir()) / f"fivebarriers-present-{os.getuid()}"
    path = Path(os.environ.get(ENV_DIR) or default)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


class Store:
    def __init__(self, directory: Path | str | None = None):
        self.dir = Path(directory) if directory else store_dir()
        self.dir.mkdir(parents=True, exist_ok=True)

    def _path(self, code: str) -> Path:
        if not CODE.match(code):
            raise UnknownSession(
                f"“{code}” is not a session code: a code is {CODE_LENGTH} letters and digits, "
                "shown in the presenter view"
            )
        return self.dir / f"{code}.json"

    def _write(self, position: Position) -> Position:
        path = self._path(position.code)
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(position), out)
        os.replace(tmp, path)
        return position

    def _expire(self, now: float) -> None:
        for old in self.dir.glob("*.json"):
            try:
                if now - old.stat().st_mtime > EXPIRE_SECONDS:
                    old.unlink()
            except OSError:
                pass  # another process removed it first

    def open(self, filters: Filters, total: int, slide: int = 1) -> Position:
        """A new session with a code no open session has."""
        now = time.time()
        self._expire(now)
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            if not self._path(code).exists():
                break
        position = Position(code, min(max(slide, 1), total), total, filters.params(), now, now)
        return self._write(position)

    def get(self, code: str) -> Position:
        path = self._path(code)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UnknownSession(
                f"No presentation is open with the code “{code}”: check the code in the presenter view"
            ) from None
        return Position(**raw)

    def move(self, code: str, slide: int) -> Position:
        """Go to a slide (clamped to the deck); the other window follows on its next poll."""
        current = self.get(code)
        slide = min(max(int(slide), 1), current.total)
        return self._write(replace(current, slide=slide, updated=time.time()))

    def restart_timer(self, code: str) -> Position:
        now = time.time()
        return self._write(replace(self.get(code), started=now, updated=now))
