"""A workshop's room answers, saved as data (issue 27, item 4): a closed
question's counts go through the analysts' load path (its batch, history,
check and undo), come back exactly from the table and from the Workshops
page's queries, are refused when saved twice, and `check` and the load
refuse counts that break the table's rules. A database made by the previous
release (schema 4) upgrades to hold them."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import itertools
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fivebarriers import queries
from fivebarriers.cli.main import main
from fivebarriers.data import build, check, ingest, tables, templates, workshop_questions
from fivebarriers.data.readers import Upload
from fivebarriers.store import schema, version
from fivebarriers.store.db import Database
from fivebarriers.views import workshops as view
from fivebarriers.views.markdown_text import escape_md
from fivebarriers.workshop import room_model, room_save
from tests.test_ingest import open_ro
from tests.test_url_values import ATTACK, RENDERED, shown_markdown
from tests.url_params import run_page

OLD_RELEASES = Path(__file__).resolve().parent / "old_releases"
V4_RELEASE = OLD_RELEASES / "2026-12-07-275f703.duckdb.gz"

BOUNDED = settings(
    max_examples=4,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_CODES = itertools.count()  # every example is a new workshop, so one database takes every save
PLACES = (None, "bodmin", "east-sussex", "liverpool", "wakefield")


@st.composite
def closed_questions(draw) -> room_model.RoomAnswers:
    """A closed question's answers: every option, counts that differ from each other."""
    question = draw(st.sampled_from(room_model.QUESTIONS))
    n = len(question.options)
    counts = draw(st.lists(st.integers(0, 400), min_size=n, max_size=n, unique=True))
    code = draw(st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ23456789", min_size=6, max_size=8))
    return room_model.RoomAnswers(
        session_code=f"{code}{next(_CODES)}",
        question_id=question.id,
        question=question.text,
        place=draw(st.sampled_from(PLACES)),
        held_on=draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))),
        counts=tuple(zip(question.options, counts, strict=True)),
    )


def answers(question_id: str = "barrier-most", place: str | None = "bodmin", code: str = "K7PQ2M"):
    question = room_model.question(question_id)
    counts = tuple((option, 3 * i + 1) for i, option in enumerate(question.options))
    return room_model.RoomAnswers(code, question.id, question.text, place, dt.date(2026, 11, 3), counts)


def stored(db: Path, batch_id: str) -> list[tuple]:
    con = open_ro(db)
    try:
        return con.execute(
            "select session_id, question_id, question, option, answers, place_id, held_on, barrier_id "
            "from workshop_answers where batch_id = $b order by option",
            {"b": batch_id},
        ).fetchall()
    finally:
        con.close()


def test_the_rooms_questions_are_the_ones_the_data_knows():
    asked = [q.id for q in room_model.QUESTIONS]
    assert asked == list(workshop_questions.KNOWN_QUESTIONS) == ["barrier-most", "recommendation-most"]
    for question in room_model.QUESTIONS:
        known = workshop_questions.KNOWN_QUESTIONS[question.id]
        assert (question.text, tuple(question.options)) == (known.text, known.options)
    barrier = workshop_questions.KNOWN_QUESTIONS["barrier-most"]
    assert [barrier.barrier_of(o) for o in barrier.options] == [
        "structures",
        "priorities",
        "funding",
        "data-sharing",
        "culture",
    ]
    assert len(workshop_questions.KNOWN_QUESTIONS["recommendation-most"].options) == 12


@BOUNDED
@given(closed=closed_questions())
@pytest.mark.slow
def test_saved_answers_come_back_exactly_then_undo_takes_them_out(fresh_db: Path, closed):
    batch_id = room_save.save_room_answers(closed, db=fresh_db, loaded_by="Facilitator")
    question = workshop_questions.KNOWN_QUESTIONS[closed.question_id]
    session = room_save.session_id(closed.session_code)
    expected = sorted(
        (
            session,
            closed.question_id,
            closed.question,
            option,
            count,
            closed.place,
            closed.held_on,
            question.barrier_of(option),
        )
        for option, count in closed.counts
    )
    assert stored(fresh_db, batch_id) == expected
    assert closed.session_code not in str(stored(fresh_db, batch_id))  # the code itself is never kept
    # The same counts through the Workshops page's query, for its place.
    with Database(fresh_db) as handle:
        listed = handle.query("workshop_answers_list", place=closed.place).dicts()
    mine = {r["option"]: r["answers"] for r in listed if r["session_id"] == session}
    assert mine == dict(closed.counts)
    # A load like any other: in the history, and taken out by undo.
    batch = ingest.batches(fresh_db).set_index("batch_id").loc[batch_id]
    assert (batch.table_name, batch.loaded_by, batch.row_count, batch.outcome) == (
        "workshop_answers",
        "Facilitator",
        len(closed.counts),
        "loaded",
    )
    assert ingest.undo(batch_id, db=fresh_db).rows_removed == len(closed.counts)
    assert stored(fresh_db, batch_id) == []
    assert ingest.batches(fresh_db).set_index("batch_id").loc[batch_id].outcome == "undone"


def test_the_page_query_adds_up_each_barrier_across_workshops(fresh_db: Path):
    room_save.save_room_answers(answers(code="AAAA11"), db=fresh_db)  # 1, 4, 7, 10, 13
    room_save.save_room_answers(answers(code="BBBB22", place="wakefield"), db=fresh_db)
    room_save.save_room_answers(answers("recommendation-most", code="AAAA11"), db=fresh_db)
    with Database(fresh_db) as handle:
        everywhere = handle.query("workshop_barrier_totals", place=None).dicts()
        bodmin = handle.query("workshop_barrier_totals", place="bodmin").dicts()
    assert [(r["barrier_id"], r["answers"]) for r in everywhere] == [
        ("structures", 2),
        ("priorities", 8),
        ("funding", 14),
        ("data-sharing", 20),
        ("culture", 26),
    ]
    assert (everywhere[0]["workshops"], everywhere[0]["all_answers"]) == (2, 70)
    assert view.headline(everywhere) == "Culture was chosen most often across 2 workshops (26 of 70 answers)"
    assert view.headline(bodmin, "Bodmin") == (
        "Culture was chosen most often across 1 workshop about Bodmin (13 of 35 answers)"
    )


def test_saving_the_same_question_twice_is_refused_as_already_saved(fresh_db: Path):
    room_save.save_room_answers(answers(), db=fresh_db)
    with pytest.raises(room_save.RoomSaveError, match="already saved"):
        room_save.save_room_answers(answers(), db=fresh_db)
    # Counts changed after the save are the same question saved again: refused too.
    changed = answers()
    changed = room_model.RoomAnswers(
        **{**changed.__dict__, "counts": (("Structures", 99), *changed.counts[1:])}
    )
    with pytest.raises(room_save.RoomSaveError, match="already saved"):
        room_save.save_room_answers(changed, db=fresh_db)


@pytest.mark.parametrize(
    ("closed", "reason"),
    [
        (answers(place="atlantis"), "the place 'atlantis' is not one the dashboard knows"),
        (
            room_model.RoomAnswers("Z9Z9Z9", "barrier-most", "?", None, dt.date(2026, 11, 3), ()),
            "nobody has answered",
        ),
        (
            room_model.RoomAnswers(
                "Z9Z9Z9", "barrier-most", "?", None, dt.date(2026, 11, 3), (("Funding", 0), ("Culture", 0))
            ),
            "nobody has answered",
        ),
        (
            room_model.RoomAnswers(
                "Z9Z9Z9", "favourite-colour", "?", None, dt.date(2026, 11, 3), (("Red", 3),)
            ),
            "not one the dashboard can save",
        ),
    ],
)
def test_a_save_that_cannot_be_made_says_why_and_changes_nothing(fresh_db: Path, closed, reason):
    before = len(ingest.batches(fresh_db))
    with pytest.raises(room_save.RoomSaveError, match=reason):
        room_save.save_room_answers(closed, db=fresh_db)
    assert len(ingest.batches(fresh_db)) == before


def _csv(**changes: str) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=tables.user_columns("workshop_answers"))
    writer.writeheader()
    writer.writerow({**templates.EXAMPLES["workshop_answers"], "session_id": "bodmin-2026-11", **changes})
    return out.getvalue().encode()


def test_an_analyst_loads_a_workshops_answers_from_a_file(fresh_db: Path):
    report = ingest.ingest(Upload("bodmin-workshop.csv", _csv()), db=fresh_db)
    assert report.loaded, report.lines()
    assert report.table == "workshop_answers"  # told from the header alone


@pytest.mark.parametrize(
    ("changes", "column", "says"),
    [
        ({"answers": "-3"}, "answers", "0 or more"),
        ({"answers": "2.5"}, "answers", ""),
        ({"option": "Weather"}, "option", "'Weather' is not an option of barrier-most"),
        ({"question_id": "favourite-colour"}, "question_id", "no question 'favourite-colour'"),
        ({"barrier_id": "culture"}, "barrier_id", "barrier_id should be 'funding'"),
        ({"place_id": "atlantis"}, "place_id", "atlantis"),
    ],
)
def test_the_load_refuses_a_count_that_breaks_a_rule(fresh_db: Path, changes, column, says):
    report = ingest.ingest(Upload("bad.csv", _csv(**changes)), table="workshop_answers", db=fresh_db)
    assert not report.loaded
    assert any(p.column == column and says in p.message for p in report.problems), report.lines()


@pytest.fixture(scope="module")
def loose_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Without constraints (as a DuckLake holds the data), so a rule-breaking row can be written.
    path = tmp_path_factory.mktemp("loose_workshops") / "loose.duckdb"
    build.build(path, constraints=False)
    return path


@pytest.mark.parametrize(
    ("row", "rule"),
    [
        (("s1", "barrier-most", "q", "Funding", -1, "bodmin", "funding"), "count not allowed"),
        (("s1", "barrier-most", "q", "Weather", 4, "bodmin", None), "unknown option"),
        (("s1", "favourite-colour", "q", "Red", 4, "bodmin", None), "unknown question"),
        (("s1", "barrier-most", "q", "Funding", 4, "bodmin", "culture"), "wrong barrier"),
        (("s1", "barrier-most", "q", "Funding", 4, "atlantis", "funding"), "unknown reference"),
    ],
)
@pytest.mark.slow
def test_check_refuses_each_broken_rule(loose_db: Path, tmp_path: Path, row, rule):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(loose_db, copy)
    con = duckdb.connect(str(copy))
    try:
        good = ("s0", "barrier-most", "q", "Culture", 0, "bodmin", "culture")
        for values in (good, row):
            con.execute(
                "insert into workshop_answers values (?, ?, ?, ?, ?, ?, date '2026-11-03', ?, 'b1')", values
            )
        findings = check.run_checks(con)
    finally:
        con.close()
    assert [f.rule for f in findings if f.table == "workshop_answers"] == [rule], findings


@pytest.mark.slow
def test_a_schema_4_database_upgrades_to_hold_workshop_answers(tmp_path: Path, capsys):
    db = tmp_path / "v4.duckdb"
    with gzip.open(V4_RELEASE, "rb") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    con = open_ro(db)
    try:
        assert version.stored(con)[0] == 4
        assert "workshop_answers" not in {r[0] for r in con.execute("show tables").fetchall()}
    finally:
        con.close()
    assert main(["upgrade", "--db", str(db)]) == 0
    assert "from schema version 4 to 5" in capsys.readouterr().out
    con = open_ro(db)
    try:
        assert version.is_current(con) and version.stored(con)[0] == 5
    finally:
        con.close()
    batch_id = room_save.save_room_answers(answers(), db=db)
    assert len(stored(db, batch_id)) == 5


def test_the_workshops_page_shows_its_finding_and_quotes_a_crafted_place_as_text(fresh_db: Path):
    room_save.save_room_answers(answers(code="AAAA11"), db=fresh_db)
    at = run_page("pages/workshops.py", {"place": "bodmin"})
    assert not at.exception, [e.value for e in at.exception]
    headline = "Culture was chosen most often across 1 workshop about Bodmin (13 of 35 answers)"
    assert at.header[0].value == escape_md(headline)
    attacked = run_page("pages/workshops.py", {"place": ATTACK})
    assert not attacked.exception
    texts = shown_markdown(attacked)
    assert not [t for t in texts if any(r in t for r in RENDERED)]
    assert any("PWNEDLINK" in t for t in texts)


def test_undo_deletes_from_every_table_a_load_writes(built_db: Path):
    # ingest_undo.sql names its tables by hand: a loadable table missing there is
    # marked undone with its rows left in place (workshop_answers was, at first).
    con = open_ro(built_db)
    try:
        loadable = set(schema.batch_tables(con))
    finally:
        con.close()
    text = queries.sql("ingest_undo") + queries.sql("ingest_undo_sources")
    assert {t for t in loadable if f"delete from {t} where batch_id = $batch_id;" not in text} == set()
    assert "workshop_answers" in loadable
