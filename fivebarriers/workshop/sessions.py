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
against a strict pattern before they become a file name.

The folder is the app's own: by default `<database>.present/` beside the
database file (not the shared temp directory, where another local user could
make it first), created 0700, and refused unless it is a real directory (not
a symbolic link) owned by this process's user with no access for anyone
else. A session file is opened without following links and read as data: a
damaged, foreign or half-written one is "No presentation is open", never a
crash. At most MAX_SESSIONS files are kept: opening one more removes the
least recently moved."""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import secrets
import stat
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from fivebarriers.store import backend
from fivebarriers.workshop.model import Filters

ENV_DIR = "FIVEBARRIERS_PRESENT_DIR"
# No 0/O, 1/I/L: a code is read off a screen and typed in a hurry.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
CODE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
EXPIRE_SECONDS = 2 * 24 * 3600  # a workshop day, with room to spare
# Far more rooms than a day of workshops has; keeps a script that opens
# sessions in a loop from filling the disk or slowing every open (each open
# looks at every file).
MAX_SESSIONS = 500
MAX_FILE_BYTES = 64 * 1024  # a position is about 200 bytes
_FILTER_KEYS = ("place", "barrier", "programme")


class UnknownSession(LookupError):
    """A code that is malformed or names no open session; the message says which."""


class FolderRefused(UnknownSession):
    """The sessions folder is not safe to use (or cannot be written); nothing was written."""


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


def default_dir() -> Path:
    """Beside the database file; for a lake, in the user's runtime folder."""
    target = backend.resolve(None)
    if not target.is_lake:
        return target.path.with_name(target.path.name + ".present")
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path.home() / ".local" / "state"
    return base / "fivebarriers-present"


def store_dir() -> Path:
    return Path(os.environ.get(ENV_DIR) or default_dir())


def secure_folder(path: Path) -> Path:
    """`path` made fresh (0700), or FolderRefused unless it is a real
    directory owned by this user with no access for group or others."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(path, 0o700)
        os.chmod(path, 0o700)  # whatever the umask
        return path
    except FileExistsError:
        pass
    except OSError as exc:
        raise FolderRefused(
            f"Presentations cannot be shared between windows: cannot make the folder {path} ({exc.strerror})"
        ) from exc
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        why = "it is a symbolic link" if stat.S_ISLNK(st.st_mode) else "it is not a folder"
    elif st.st_uid != os.geteuid():
        why = f"it belongs to another user (uid {st.st_uid})"
    elif stat.S_IMODE(st.st_mode) & 0o077:
        why = f"other users may use it (mode {stat.S_IMODE(st.st_mode):04o})"
    else:
        return path
    raise FolderRefused(
        f"Presentations cannot be shared between windows: the folder {path} is not safe to use ({why}); "
        f"remove it, or set {ENV_DIR} to a new folder"
    )


class Store:
    def __init__(self, directory: Path | str | None = None):
        self.dir = Path(directory) if directory else store_dir()

    @property
    def folder(self) -> Path:
        """The checked folder; checked on every use, as another user may change it meanwhile."""
        return secure_folder(self.dir)

    def _path(self, code: str) -> Path:
        if not CODE.match(code):
            raise UnknownSession(
                f"“{code}” is not a session code: a code is {CODE_LENGTH} letters and digits, "
                "shown in the presenter view"
            )
        return self.folder / f"{code}.json"

    def _write(self, position: Position) -> Position:
        path = self._path(position.code)
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        except OSError as exc:
            raise FolderRefused(f"The slide position could not be saved ({exc.strerror})") from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(asdict(position), out)
            os.replace(tmp, path)
        except OSError as exc:  # a full disk: leave nothing half-written behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise FolderRefused(f"The slide position could not be saved ({exc.strerror})") from exc
        return position

    def _expire(self, now: float) -> None:
        """Remove sessions older than EXPIRE_SECONDS, temp files a crash left,
        and the least recently moved sessions beyond MAX_SESSIONS - 1."""
        folder = self.folder
        sessions = []
        for entry in os.scandir(folder):
            try:
                age = now - entry.stat(follow_symlinks=False).st_mtime
                if entry.name.endswith(".tmp") and age > 3600:
                    os.unlink(entry.path)
                elif entry.name.endswith(".json"):
                    if age > EXPIRE_SECONDS:
                        os.unlink(entry.path)
                    else:
                        sessions.append((age, entry.path))
            except OSError:
                pass  # another process removed it first
        sessions.sort()
        for _, path in sessions[MAX_SESSIONS - 1 :]:
            with contextlib.suppress(OSError):
                os.unlink(path)

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
        missing = UnknownSession(
            f"No presentation is open with the code “{code}”: check the code in the presenter view"
        )
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:  # no such file, or a symbolic link
            raise missing from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise missing
            raw = json.loads(os.read(fd, MAX_FILE_BYTES).decode("utf-8"))
            return _position(code, raw)
        except (OSError, ValueError, TypeError, AttributeError):
            raise missing from None  # damaged, half-written or foreign: not a session of ours
        finally:
            os.close(fd)

    def move(self, code: str, slide: int) -> Position:
        """Go to a slide (clamped to the deck); the other window follows on its next poll."""
        current = self.get(code)
        slide = min(max(int(slide), 1), current.total)
        return self._write(replace(current, slide=slide, updated=time.time()))

    def restart_timer(self, code: str) -> Position:
        now = time.time()
        return self._write(replace(self.get(code), started=now, updated=now))


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TypeError("not a number")
    return float(value)


def _position(code: str, raw: object) -> Position:
    """A Position from a session file's JSON, or TypeError/ValueError if it is not one."""
    if not isinstance(raw, dict):
        raise TypeError("not an object")
    slide, total = raw.get("slide"), raw.get("total")
    if not isinstance(slide, int) or not isinstance(total, int) or isinstance(slide, bool) or total < 1:
        raise TypeError("no slide")
    filters = raw.get("filters", {})
    if not isinstance(filters, dict) or any(
        k not in _FILTER_KEYS or not (v is None or isinstance(v, str)) for k, v in filters.items()
    ):
        raise TypeError("bad filters")
    if raw.get("code") != code:
        raise ValueError("another session's file")
    return Position(
        code,
        min(max(slide, 1), total),
        total,
        dict(filters),
        _number(raw.get("started", 0.0)),
        _number(raw.get("updated", 0.0)),
    )
