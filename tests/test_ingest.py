"""Loads through fivebarriers.data.ingest: valid loads, dry runs, undo, idempotency,
all-or-nothing writes, and the dashboard seeing new data without a restart."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

import duckdb
import openpyxl
import pytest

from fivebarriers import auth, queries
from fivebarriers.data import ingest, readers, tables, templates
from fivebarriers.data.readers import Upload
from fivebarriers.store import db, schema
from fivebarriers.views import export

BAD = Path(__file__).resolve().parent / "bad_files"


# --- helpers shared with the other test_ingest* modules ---------------------------------------


def open_ro(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh read-only look at the file. ATTACH, not connect(path): the app
    under test may hold a DuckDB instance on the same path in this process,
    and connect() would return that instance (the file before the last load)."""
    con = duckdb.connect(":memory:")
    con.execute("attach '" + str(path).replace("'", "''") + "' as under_test (read_only)")
    con.execute("use under_test")
    return con


def db_checksum(path: Path) -> dict[str, str]:
    """A digest of every table's rows (order-free): equal means same content."""
    con = open_ro(path)
    try:
        out = {}
        for table in schema.TABLE_ORDER:
            rows = sorted(repr(r) for r in con.table(table).fetchall())
            out[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def outputs_csv(path: Path, n: int = 3, prefix: str = "wave2", **changes: str) -> Path:
    """A valid outputs file of `n` rows, from the template's example row."""
    columns = tables.user_columns("outputs")
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for i in range(n):
            row = {**templates.EXAMPLES["outputs"], "output_id": f"{prefix}-{i}", **changes}
            writer.writerow(row)
    return path


def scalar(path: Path, sql: str, params: dict | None = None):
    con = open_ro(path)
    try:
        return con.execute(sql, params or {}).fetchone()[0]
    finally:
        con.close()


# --- valid loads -------------------------------------------------------------------------


def test_valid_load_is_visible_through_the_results_view(fresh_db: Path, tmp_path: Path):
    report = ingest.ingest(outputs_csv(tmp_path / "wave2.csv"), db=fresh_db, loaded_by="Ana Lyst")
    assert report.ok and report.loaded, report.lines()
    assert report.table == "outputs" and report.rows == 3
    with db.Database(fresh_db) as handle:
        rows = handle.execute(
            "select output_id, actual, qualifier, kind, status, period_end, batch_id from results "
            "where batch_id = $b order by output_id",
            {"b": report.batch_id},
        ).rows
    assert [r[0] for r in rows] == ["wave2-0", "wave2-1", "wave2-2"]
    assert rows[0][1:6] == (310.0, "over", "achieved", "reported", dt.date(2024, 3, 31))
    batch = ingest.batches(fresh_db).iloc[0]
    assert batch.batch_id == report.batch_id
    assert (batch.table_name, batch.file_name, batch.loaded_by, batch.row_count, batch.outcome) == (
        "outputs",
        "wave2.csv",
        "Ana Lyst",
        3,
        "loaded",
    )
    assert batch.sha256 == hashlib.sha256((tmp_path / "wave2.csv").read_bytes()).hexdigest()


@pytest.mark.parametrize("table", tables.INGESTABLE)
@pytest.mark.slow
def test_every_template_loads_and_undoes(table: str, fresh_db: Path, tmp_path: Path):
    before = db_checksum(fresh_db)
    unchanged = tmp_path / f"{table}_unchanged.csv"
    unchanged.write_text(templates.template(table), encoding="utf-8")
    refused = ingest.ingest(unchanged, db=fresh_db)  # issue 16: an example row is never data
    assert not refused.loaded and "the template's example row" in refused.problems[0].message
    path = tmp_path / f"{table}.csv"
    path.write_text(templates.template(table).replace(templates.EXAMPLE_PREFIX, ""), encoding="utf-8")
    report = ingest.ingest(path, db=fresh_db)
    assert report.ok, report.lines()
    assert report.table == table
    assert (
        scalar(
            fresh_db,
            "select count(*) from query_table($t) where batch_id = $b",
            {"t": table, "b": report.batch_id},
        )
        == 1
    )
    ingest.undo(report.batch_id, db=fresh_db)
    after = db_checksum(fresh_db)
    assert {t: d for t, d in after.items() if t != "ingest_batches"} == {
        t: d for t, d in before.items() if t != "ingest_batches"
    }


def test_dry_run_changes_nothing(fresh_db: Path, tmp_path: Path):
    before = db_checksum(fresh_db)
    version = db.file_version(fresh_db)
    report = ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=fresh_db, dry_run=True)
    assert report.ok and report.dry_run and not report.loaded
    assert db.file_version(fresh_db) == version
    assert db_checksum(fresh_db) == before


@pytest.mark.slow
def test_undo_restores_the_data_and_keeps_the_history(fresh_db: Path, tmp_path: Path):
    before = db_checksum(fresh_db)
    report = ingest.ingest(outputs_csv(tmp_path / "w.csv", n=5), db=fresh_db)
    undone = ingest.undo(report.batch_id, db=fresh_db)
    assert (undone.table, undone.rows_removed) == ("outputs", 5)
    after = db_checksum(fresh_db)
    assert after["outputs"] == before["outputs"]
    history = ingest.batches(fresh_db)
    assert list(history.outcome) == ["undone"]
    assert history.undone_at.notna().all()
    with pytest.raises(ingest.IngestError, match="already undone"):
        ingest.undo(report.batch_id, db=fresh_db)
    with pytest.raises(ingest.IngestError, match="no batch 'nope'"):
        ingest.undo("nope", db=fresh_db)


@pytest.mark.slow
def test_same_file_twice_is_refused_naming_the_batch(fresh_db: Path, tmp_path: Path):
    path = outputs_csv(tmp_path / "w.csv")
    first = ingest.ingest(path, db=fresh_db)
    before = db_checksum(fresh_db)
    second = ingest.ingest(path, db=fresh_db)
    assert not second.ok and not second.loaded
    assert second.problems[0].row is None
    assert f"already loaded as batch {first.batch_id}" in second.problems[0].message
    assert db_checksum(fresh_db) == before
    # once undone, the same file may be loaded again
    ingest.undo(first.batch_id, db=fresh_db)
    third = ingest.ingest(path, db=fresh_db)
    assert third.loaded and third.batch_id != first.batch_id


def test_a_row_already_loaded_by_another_file_names_that_batch(fresh_db: Path, tmp_path: Path):
    first = ingest.ingest(outputs_csv(tmp_path / "a.csv", n=2), db=fresh_db)
    again = ingest.ingest(
        outputs_csv(tmp_path / "b.csv", n=3), db=fresh_db
    )  # different bytes, rows 0-1 clash
    assert [(p.row, p.column) for p in again.problems] == [(2, "output_id"), (3, "output_id")]
    assert f"loaded in batch {first.batch_id}" in again.problems[0].message


def test_a_load_names_its_own_problems_and_the_databases_at_once(fresh_db: Path, tmp_path: Path):
    """A clean file's keys are checked against the data inside the write; a
    file with problems of its own gets the database's answers too, at once."""
    columns = tables.user_columns("outputs")
    rows = [
        {**templates.EXAMPLES["outputs"], "output_id": "both-0", "actual": "lots"},
        {**templates.EXAMPLES["outputs"], "output_id": "both-1", "pilot_id": "good-help-hb"},
        {**templates.EXAMPLES["outputs"], "output_id": "ghh-people-helped"},
    ]
    path = tmp_path / "both.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    before = db_checksum(fresh_db)
    report = ingest.ingest(path, db=fresh_db)
    assert not report.loaded
    assert sorted((p.row, p.column) for p in report.problems) == [
        (2, "actual"),
        (3, "pilot_id"),
        (4, "output_id"),
    ], report.lines()
    assert db_checksum(fresh_db) == before

    # Without the cell's problem, the other two are found inside the write: same words.
    rows[0]["actual"] = "310"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    version = db.file_version(fresh_db)
    inside = ingest.ingest(path, db=fresh_db)
    assert not inside.loaded
    assert [(p.row, p.column, p.message) for p in inside.problems] == [
        (p.row, p.column, p.message) for p in report.problems if p.column != "actual"
    ]
    assert db.file_version(fresh_db) == version and db_checksum(fresh_db) == before


@pytest.mark.slow
def test_undo_of_a_batch_others_depend_on_is_refused(fresh_db: Path, tmp_path: Path):
    pilots = tmp_path / "pilots.csv"
    pilots.write_text(templates.template("pilots").replace(templates.EXAMPLE_PREFIX, ""), encoding="utf-8")
    pilot_batch = ingest.ingest(pilots, db=fresh_db).batch_id
    pilot_id = templates.EXAMPLES["pilots"]["pilot_id"].removeprefix(templates.EXAMPLE_PREFIX)
    outputs = outputs_csv(tmp_path / "o.csv", n=1, pilot_id=pilot_id)
    output_batch = ingest.ingest(outputs, db=fresh_db).batch_id
    before = db_checksum(fresh_db)
    with pytest.raises(ingest.IngestError, match=f"refer to batch {pilot_batch} \\({output_batch}\\)"):
        ingest.undo(pilot_batch, db=fresh_db)
    assert db_checksum(fresh_db) == before
    ingest.undo(output_batch, db=fresh_db)
    ingest.undo(pilot_batch, db=fresh_db)


def test_latin1_loads_only_when_asked(fresh_db: Path):
    path = BAD / "latin1_encoding.csv"
    refused = ingest.ingest(path, db=fresh_db)
    assert not refused.ok and "--encoding latin-1" in refused.problems[0].message
    loaded = ingest.ingest(path, db=fresh_db, encoding="latin-1")
    assert loaded.loaded, loaded.lines()
    measure = scalar(fresh_db, "select measure from outputs where batch_id = $b", {"b": loaded.batch_id})
    assert measure == "Café visits (wave two)"


def test_utf8_bom_is_accepted(fresh_db: Path):
    report = ingest.ingest(BAD / "bom_utf8_valid.csv", db=fresh_db)
    assert report.loaded, report.lines()
    assert scalar(fresh_db, "select measure from outputs where batch_id = $b", {"b": report.batch_id}) == (
        "Café visits"
    )


def test_injection_strings_are_stored_as_text_and_exported_safely(fresh_db: Path):
    report = ingest.ingest(BAD / "injection_text_valid.csv", db=fresh_db)
    assert report.loaded, report.lines()
    con = open_ro(fresh_db)
    row = con.execute(
        "select measure, note, unit, locator from outputs where batch_id = $b", {"b": report.batch_id}
    ).fetchone()
    assert con.execute("select count(*) from outputs").fetchone()[0] > 1  # nothing was dropped
    frame = con.execute("select measure, note from outputs where batch_id = $b", {"b": report.batch_id}).df()
    con.close()
    assert row == (
        '=HYPERLINK("http://example.invalid/?leak=1","click me")',
        "'); drop table outputs; --",
        "<script>alert(1)</script>",
        "@SUM(1+1) -- and **bold** [link](http://example.invalid)",
    )
    exported = export.csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in exported


def test_formula_typed_as_text_in_a_workbook_is_text(fresh_db: Path):
    report = ingest.ingest(BAD / "formula_as_text_valid.xlsx", db=fresh_db)
    assert report.loaded, report.lines()
    note = scalar(fresh_db, "select note from outputs where batch_id = $b", {"b": report.batch_id})
    assert note == '=HYPERLINK("http://example.invalid")'


def test_workbook_with_a_sheet_named_after_the_table(fresh_db: Path, tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Fill in the outputs sheet"])
    sheet = book.create_sheet("outputs")
    columns = tables.user_columns("outputs")
    sheet.append(columns)
    example = {**templates.EXAMPLES["outputs"], "output_id": "xlsx-1", "period_end": ""}
    sheet.append([example[c] or None for c in columns])
    sheet["M2"] = dt.datetime(2024, 3, 31)  # a real date cell
    sheet["I2"] = 310  # a real number cell
    path = tmp_path / "wave.xlsx"
    book.save(path)
    report = ingest.ingest(path, db=fresh_db)
    assert report.loaded, report.lines()
    assert "read sheet 'outputs' of 2" in report.notes
    period, actual = (
        open_ro(fresh_db)
        .execute("select period_end, actual from outputs where output_id = 'xlsx-1'")
        .fetchone()
    )
    assert (period, actual) == (dt.date(2024, 3, 31), 310.0)


def test_upload_bytes_and_size_limit(fresh_db: Path, tmp_path: Path):
    data = outputs_csv(tmp_path / "w.csv").read_bytes()
    report = ingest.validate_file(Upload("from-browser.csv", data), db=fresh_db)
    assert report.ok and report.file_name == "from-browser.csv"
    limited = ingest.validate_file(Upload("big.csv", data), db=fresh_db, max_bytes=100)
    assert [p.message for p in limited.problems] == [
        f"the file is {readers.human_size(len(data))}; the limit is 100 bytes: "
        "split it into smaller files and load each one"
    ]
    on_disk = ingest.validate_file(tmp_path / "w.csv", db=fresh_db, max_bytes=2 * readers.MB)
    assert on_disk.ok


def test_table_detection_and_choice(fresh_db: Path, tmp_path: Path):
    assert ingest.detect_table(tables.user_columns("pilot_barriers")) == ("pilot_barriers", "")
    assert ingest.detect_table(tables.user_columns("pilot_departments"))[0] == "pilot_departments"
    assert ingest.detect_table(["a", "b"])[0] is None
    wrong = ingest.validate_file(outputs_csv(tmp_path / "w.csv"), table="recommendations", db=fresh_db)
    assert "'recommendations' cannot be loaded" in wrong.problems[0].message
    mismatched = ingest.validate_file(outputs_csv(tmp_path / "w.csv"), table="pilots", db=fresh_db)
    assert any("column pilot_id" not in p.message and p.row == 1 for p in mismatched.problems)


def test_row_numbers_count_blank_and_multiline_rows(fresh_db: Path, tmp_path: Path):
    columns = tables.user_columns("outputs")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerow({**templates.EXAMPLES["outputs"], "output_id": "m-1", "note": "two\nlines"})
    writer.writerow({**templates.EXAMPLES["outputs"], "output_id": "m-2", "actual": "lots"})
    path = tmp_path / "multi.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = ingest.validate_file(path, db=fresh_db)
    assert [(p.row, p.column) for p in report.problems] == [(3, "actual")]


# --- all or nothing ----------------------------------------------------------------------------


def test_failure_after_insert_rolls_back_and_leaves_the_file(fresh_db: Path, tmp_path: Path, monkeypatch):
    before = db_checksum(fresh_db)
    version = db.file_version(fresh_db)

    def boom(con):
        assert con.execute("select count(*) from outputs where output_id like 'wave2-%'").fetchone()[0] == 3
        raise RuntimeError("injected failure after the insert")

    monkeypatch.setattr(ingest, "run_checks", boom)
    with pytest.raises(RuntimeError, match="injected"):
        ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=fresh_db)
    assert db.file_version(fresh_db) == version
    assert db_checksum(fresh_db) == before
    assert not list(fresh_db.parent.glob(f"{fresh_db.name}{ingest.COPY_SUFFIX}*"))


def test_a_swallowed_failed_statement_cannot_fake_a_commit(fresh_db: Path, tmp_path: Path, monkeypatch):
    """DuckDB turns COMMIT of an aborted transaction into a silent rollback."""
    before = db_checksum(fresh_db)

    def swallow(con):
        try:
            con.execute("insert into ingest_batches select * from ingest_batches")  # duplicate keys
        except duckdb.ConstraintException:
            pass  # the bug being guarded against: an error swallowed inside the transaction
        return []

    monkeypatch.setattr(ingest, "run_checks", swallow)
    with pytest.raises(ingest.IngestError, match="did not commit; nothing was changed"):
        ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=fresh_db)
    assert db_checksum(fresh_db) == before


def test_check_findings_refuse_the_load(fresh_db: Path, tmp_path: Path, monkeypatch):
    from fivebarriers.data.check import Finding

    before = db_checksum(fresh_db)
    monkeypatch.setattr(ingest, "run_checks", lambda con: [Finding("outputs", "x", "rule", "broken")])
    with pytest.raises(ingest.IngestError, match="break 1 rule"):
        ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=fresh_db)
    assert db_checksum(fresh_db) == before


def test_undo_sql_covers_every_table_with_a_batch_id(fresh_db: Path):
    con = open_ro(fresh_db)
    with_batch = set(ingest._batch_tables(con))
    con.close()
    deleted = set(re_findall(r"delete from (\w+)", queries.sql("ingest_undo")))
    last = re_findall(r"delete from (\w+)", queries.sql("ingest_undo_sources"))
    assert last == ["sources"]  # after everything that cites them (undo.py)
    assert (
        with_batch
        == deleted | set(last)
        == {
            "places",
            "programmes",
            "pilots",
            "pilot_barriers",
            "pilot_departments",
            "outputs",
            "barrier_evidence",
            "source_sections",
            "sources",
            "workshop_answers",
        }
    )


def re_findall(pattern: str, text: str) -> list[str]:
    import re

    return re.findall(pattern, text)


def test_no_database_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ingest.IngestError, match=r"no database at .*fivebarriers build"):
        ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=tmp_path / "missing.duckdb")


# --- the dashboard sees new data -------------------------------------------------------------


def test_dashboard_cache_follows_the_file_version(fresh_db: Path, tmp_path: Path):
    from fivebarriers.views import ui

    before = ui.query("overview_counts")
    report = ingest.ingest(outputs_csv(tmp_path / "w.csv", n=4), db=fresh_db)
    after = ui.query("overview_counts")
    assert ui.database().version == db.file_version(fresh_db)
    outputs_column = "outputs"
    assert int(after[outputs_column].iloc[0]) == int(before[outputs_column].iloc[0]) + 4
    ingest.undo(report.batch_id, db=fresh_db)
    assert int(ui.query("overview_counts")[outputs_column].iloc[0]) == int(before[outputs_column].iloc[0])


# --- passwords --------------------------------------------------------------------------------


def test_password_hash_round_trip(monkeypatch):
    stored = auth.hash_password("correct horse battery")
    assert stored.startswith("scrypt$16384$8$1$")
    assert auth.verify("correct horse battery", stored)
    assert not auth.verify("correct horse batterY", stored)
    assert not auth.verify("anything", "not-a-hash")
    assert auth.hash_password("correct horse battery") != stored  # salted
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    assert auth.configured_hash(None) is None
    assert auth.configured_hash(stored) == stored
    monkeypatch.setenv(auth.ENV_HASH, "scrypt$env")
    assert auth.configured_hash(stored) == "scrypt$env"
