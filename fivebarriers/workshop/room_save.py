"""Saving a closed question's answers as data: the counts (place, date,
question, every option and how many chose it, never who chose what) are
written as a CSV in memory and loaded through the analysts' load path
(fivebarriers.data.ingest), so a save is validated, recorded as a batch in
the load history, checked, and undone like any load (`fivebarriers undo`,
the Add data page).

The workshop is named by a hash of its session code: the saved table never
holds a code that could still join a live session."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from fivebarriers.data import ingest, tables
from fivebarriers.data.readers import Upload
from fivebarriers.data.workshop_questions import KNOWN_QUESTIONS
from fivebarriers.store import backend
from fivebarriers.workshop.room_model import RoomAnswers

TABLE = "workshop_answers"


class RoomSaveError(Exception):
    """The answers were not saved; the message says why in plain words."""


def session_id(session_code: str) -> str:
    """How a workshop is named in the saved data: a hash of its code."""
    return "room-" + hashlib.sha256(session_code.encode("utf-8")).hexdigest()[:16]


def answers_csv(answers: RoomAnswers) -> bytes:
    """The answers as the CSV an analyst would load: one row per option."""
    question = KNOWN_QUESTIONS.get(answers.question_id)
    if question is None:
        raise RoomSaveError(f"the question '{answers.question_id}' is not one the dashboard can save")
    if not answers.counts or sum(n for _, n in answers.counts) == 0:
        raise RoomSaveError("nobody has answered this question yet: there is nothing to save")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=tables.user_columns(TABLE), lineterminator="\n")
    writer.writeheader()
    for option, count in answers.counts:
        writer.writerow(
            {
                "session_id": session_id(answers.session_code),
                "question_id": answers.question_id,
                "question": answers.question,
                "option": option,
                "answers": count,
                "place_id": answers.place or "",
                "held_on": answers.held_on.isoformat(),
                "barrier_id": question.barrier_of(option) or "",
            }
        )
    return out.getvalue().encode("utf-8")


def file_name(answers: RoomAnswers) -> str:
    """The name the load history shows for a save."""
    place = f"-{answers.place}" if answers.place else ""
    return f"workshop-answers-{answers.held_on.isoformat()}{place}-{answers.question_id}.csv"


def save_room_answers(
    answers: RoomAnswers,
    db: backend.Target | Path | str | None = None,
    loaded_by: str | None = None,
) -> str:
    """Load a closed question's counts as one batch; return its batch id.
    Raises RoomSaveError (nothing saved) with the reason in plain words."""
    upload = Upload(file_name(answers), answers_csv(answers))
    try:
        report = ingest.ingest(upload, table=TABLE, db=db, loaded_by=loaded_by or "workshop facilitator")
    except ingest.IngestError as exc:
        raise RoomSaveError(f"the answers were not saved: {exc}") from exc
    if report.batch_id is None:
        raise RoomSaveError(_refusal(answers, report.problems))
    return report.batch_id


def _refusal(answers: RoomAnswers, problems: list) -> str:
    """Why the load path refused the save, in the facilitator's words."""
    messages = [p.message for p in problems]
    if any("already loaded" in m or "already in the database" in m for m in messages):
        return (
            "these answers were already saved; to save them again, first undo the earlier save "
            "on the Add data page"
        )
    if any(p.column == "place_id" for p in problems):
        return f"the place '{answers.place}' is not one the dashboard knows: choose a place from its list"
    shown = "; ".join(messages[:3]) or "the load refused them"
    return f"the answers were not saved: {shown}"
