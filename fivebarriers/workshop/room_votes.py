"""The room's answers while a workshop runs, kept outside the database.

A presenter's session (workshop.sessions) gets one room: an 8-character code
that phones join (/vote?c=CODE) and a current question, open or closed. Each
phone is a participant: a random token the phone page makes and keeps in its
own address, never a name or an address. A participant has one answer per
question, changeable while the question is open; closing the question freezes
the counts, reopening it lets answers change again.

Why SQLite in WAL mode, in the sessions folder (`<database>.present/`,
checked by sessions.secure_folder): a hundred phones answering at once are a
hundred small writers, in one server process or several replicas on the
host. A WAL database takes them one after another (an answer took about
20 ms at a load average of 22 on two shared cores), counting is one indexed
query, and the dashboard's DuckDB file is never written. One small file per
answer written with os.replace was considered, not measured: it needs a
folder read per count and locking of its own for the limits below.

Abuse limits, all kept in the same transaction as the answer so they hold
across threads and processes:
- a participant may answer or change at most MAX_CHANGES times per question,
  and not twice within MIN_GAP_S;
- a room takes at most ROOM_PER_MINUTE answers a minute and MAX_PARTICIPANTS
  participants per question (a script making new tokens fills nothing);
- rooms expire ROOM_SECONDS after they open, and a question left open for
  QUESTION_SECONDS is closed;
- codes are CODE_LENGTH characters from an alphabet without look-alikes,
  chosen with `secrets`: 31**8 (about 8.5e11) codes, so a guesser making a
  thousand tries a second against 500 open rooms needs about 20 days per hit,
  and rooms live for a day;
- there is no text input: a participant picks one of the question's options."""

from __future__ import annotations

import contextlib
import datetime
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fivebarriers.workshop import room_model, sessions

ALPHABET = sessions.ALPHABET  # no 0/O, 1/I/L
CODE_LENGTH = 8
CODE = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
FILE_NAME = "room-answers.sqlite"

ROOM_SECONDS = 24 * 3600
QUESTION_SECONDS = 3 * 3600
MAX_CHANGES = 20
MIN_GAP_S = 0.5
ROOM_PER_MINUTE = 3000
MAX_PARTICIPANTS = 500
MAX_ROOMS = 500
_READY: set[Path] = set()  # files this process has set up

SCHEMA = """
create table if not exists rooms (
    code text primary key,
    present_code text not null unique,
    place text,
    question_id text,
    opened real not null,
    window_start real not null default 0,
    window_count integer not null default 0
);
create table if not exists questions (
    code text not null,
    question_id text not null,
    state text not null check (state in ('open', 'closed')),
    opened real not null,
    primary key (code, question_id)
);
create table if not exists answers (
    code text not null,
    question_id text not null,
    token text not null,
    option text not null,
    changes integer not null default 1,
    at real not null,
    primary key (code, question_id, token)
);
"""


class RoomError(LookupError):
    """A code, question or answer the room cannot take; the message says why in plain words."""


class Refused(RoomError):
    """An answer refused by a limit (too fast, too many); the message says what to do."""


@dataclass(frozen=True)
class Room:
    code: str
    present_code: str
    place: str | None
    question_id: str | None
    state: str | None  # 'open', 'closed', or None before the first question
    opened: float

    @property
    def question(self) -> room_model.Question | None:
        return room_model.question(self.question_id) if self.question_id else None

    @property
    def is_open(self) -> bool:
        return self.state == "open"


def new_token() -> str:
    """A participant's token: random, 22 characters, nothing about the person."""
    return secrets.token_urlsafe(16)


def normalise(raw: str | None) -> str:
    return sessions.normalise(raw)


class Votes:
    """The answers of every room on this host, in one SQLite file in the sessions folder."""

    def __init__(self, directory: Path | str | None = None, clock=time.time):
        self.dir = Path(directory) if directory else sessions.store_dir()
        self.clock = clock

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection for one transaction ('begin immediate': writers queue, none fail)."""
        try:
            path = sessions.secure_folder(self.dir) / FILE_NAME
            con = sqlite3.connect(path, timeout=30, isolation_level=None)
        except (sessions.FolderRefused, sqlite3.Error) as exc:
            raise RoomError(f"The room's answers cannot be kept: {exc}") from exc
        try:
            if path not in _READY:  # once per file and process: it costs a write lock
                con.execute("pragma journal_mode=wal")  # kept in the file
                con.executescript(SCHEMA)
                _READY.add(path)
            con.execute("pragma synchronous=normal")
            con.execute("begin immediate")
            try:
                yield con
            except BaseException:
                con.execute("rollback")
                raise
            con.execute("commit")
        finally:
            con.close()

    def _room(self, con: sqlite3.Connection, code: str, now: float) -> Room:
        if not CODE.match(code):
            raise RoomError(f"“{code[:12]}” is not a room code: a code is {CODE_LENGTH} letters and digits")
        row = con.execute(
            "select r.code, r.present_code, r.place, r.question_id, q.state, r.opened, q.opened "
            "from rooms r left join questions q on q.code = r.code and q.question_id = r.question_id "
            "where r.code = ?",
            (code,),
        ).fetchone()
        if row is None or now - row[5] > ROOM_SECONDS:
            raise RoomError(f"No workshop is open with the code {code}: check the code on the screen")
        state = row[4]
        if state == "open" and now - row[6] > QUESTION_SECONDS:
            state = "closed"
        return Room(row[0], row[1], row[2], row[3], state, row[5])

    def open_room(self, present_code: str, place: str | None = None) -> Room:
        """The room of a presenter's session: the one it has, or a new one."""
        now = self.clock()
        with self._db() as con:
            row = con.execute(
                "select code, opened from rooms where present_code = ?", (present_code,)
            ).fetchone()
            if row is not None and now - row[1] <= ROOM_SECONDS:
                if place is not None:
                    con.execute("update rooms set place = ? where code = ?", (place, row[0]))
                return self._room(con, row[0], now)
            self._expire(con, now)
            if row is not None:
                self._drop(con, row[0])
            while True:
                code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
                if con.execute("select 1 from rooms where code = ?", (code,)).fetchone() is None:
                    break
            con.execute(
                "insert into rooms (code, present_code, place, opened) values (?, ?, ?, ?)",
                (code, present_code, place, now),
            )
            return self._room(con, code, now)

    def _drop(self, con: sqlite3.Connection, code: str) -> None:
        for table in ("answers", "questions", "rooms"):
            con.execute(f"delete from {table} where code = ?", (code,))  # noqa: S608 (fixed names)

    def _expire(self, con: sqlite3.Connection, now: float) -> None:
        old = [r[0] for r in con.execute("select code from rooms where opened < ?", (now - ROOM_SECONDS,))]
        extra = [
            r[0]
            for r in con.execute(
                "select code from rooms order by opened desc limit -1 offset ?", (MAX_ROOMS - 1,)
            )
        ]
        for code in {*old, *extra}:
            self._drop(con, code)

    def find(self, present_code: str) -> Room | None:
        """The room of a presenter's session, or None if it has none (or it expired)."""
        now = self.clock()
        with self._db() as con:
            row = con.execute("select code from rooms where present_code = ?", (present_code,)).fetchone()
            if row is None:
                return None
            with contextlib.suppress(RoomError):
                return self._room(con, row[0], now)
        return None

    def hide(self, code: str) -> Room:
        """Back to the slides: the question leaves the screen (its answers are kept)."""
        return self._close(code, off_screen=True)

    def room(self, code: str) -> Room:
        with self._db() as con:
            return self._room(con, normalise(code), self.clock())

    def ask(self, code: str, question_id: str) -> Room:
        """Open `question_id` in the room (reopening it keeps its answers)."""
        room_model.question(question_id)  # KeyError for a question we do not have
        now = self.clock()
        with self._db() as con:
            self._room(con, code, now)
            con.execute("update rooms set question_id = ? where code = ?", (question_id, code))
            con.execute(
                "insert into questions (code, question_id, state, opened) values (?, ?, 'open', ?) "
                "on conflict (code, question_id) do update set state = 'open', opened = excluded.opened",
                (code, question_id, now),
            )
            return self._room(con, code, now)

    def close(self, code: str) -> Room:
        """Freeze the current question's answers."""
        return self._close(code, off_screen=False)

    def _close(self, code: str, off_screen: bool) -> Room:
        now = self.clock()
        with self._db() as con:
            room = self._room(con, code, now)
            con.execute(
                "update questions set state = 'closed' where code = ? and question_id = ?",
                (code, room.question_id),
            )
            if off_screen:
                con.execute("update rooms set question_id = null where code = ?", (code,))
            return self._room(con, code, now)

    def answer(self, code: str, token: str, option: str) -> Room:
        """Record (or change) one participant's answer to the room's open question."""
        if not TOKEN.match(token or ""):
            raise RoomError("This page's address is damaged: scan the code on the screen again")
        now = self.clock()
        with self._db() as con:
            room = self._room(con, code, now)
            question = room.question
            if question is None or not room.is_open:
                raise RoomError("The facilitator has closed this question, so answers can no longer change")
            if option not in question.options:
                raise RoomError("That is not one of this question's answers")
            mine = con.execute(
                "select changes, at from answers where code = ? and question_id = ? and token = ?",
                (code, question.id, token),
            ).fetchone()
            if mine is not None and (mine[0] >= MAX_CHANGES or now - mine[1] < MIN_GAP_S):
                raise Refused("You have changed your answer many times: wait a moment, then try again")
            if mine is None:
                (count,) = con.execute(
                    "select count(*) from answers where code = ? and question_id = ?", (code, question.id)
                ).fetchone()
                if count >= MAX_PARTICIPANTS:
                    raise Refused("This question has as many answers as it can take")
            start, used = con.execute(
                "select window_start, window_count from rooms where code = ?", (code,)
            ).fetchone()
            if now - start >= 60:
                start, used = now, 0
            if used >= ROOM_PER_MINUTE:
                raise Refused("Many answers are arriving at once: wait a moment, then try again")
            con.execute(
                "update rooms set window_start = ?, window_count = ? where code = ?", (start, used + 1, code)
            )
            con.execute(
                "insert into answers (code, question_id, token, option, at) values (?, ?, ?, ?, ?) "
                "on conflict (code, question_id, token) do update set "
                "option = excluded.option, at = excluded.at, changes = changes + 1",
                (code, question.id, token, option, now),
            )
            return room

    def my_answer(self, code: str, question_id: str, token: str) -> str | None:
        with self._db() as con:
            row = con.execute(
                "select option from answers where code = ? and question_id = ? and token = ?",
                (code, question_id, token),
            ).fetchone()
        return row[0] if row else None

    def counts(self, code: str, question_id: str) -> tuple[tuple[str, int], ...]:
        """(option, number of answers) for every option, 0 included, in the question's order."""
        question = room_model.question(question_id)
        with self._db() as con:
            found = dict(
                con.execute(
                    "select option, count(*) from answers where code = ? and question_id = ? group by option",
                    (code, question_id),
                ).fetchall()
            )
        return tuple((option, int(found.get(option, 0))) for option in question.options)

    def answers(self, code: str, held_on: datetime.date | None = None) -> room_model.RoomAnswers:
        """The current question's counts, ready to save as a dataset."""
        room = self.room(code)
        if room.question is None:
            raise RoomError("No question has been asked in this room yet")
        return room_model.RoomAnswers(
            session_code=room.code,
            question_id=room.question.id,
            question=room.question.text,
            place=room.place,
            held_on=held_on or datetime.date.today(),
            counts=self.counts(room.code, room.question.id),
        )
