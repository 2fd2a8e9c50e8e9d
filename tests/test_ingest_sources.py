"""Issue 24, item 3: a new wave of results can cite its own report. Sources
and their sections are loadable, one workbook (a sheet per table) is one
batch, loaded and undone together, and a source still cited stays."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import openpyxl
import pytest

from fivebarriers import auth
from fivebarriers.cli.main import main
from fivebarriers.data import ingest, row_rules, tables, templates
from tests.test_ingest import db_checksum, open_ro
from tests.test_pages import page_text, run_page

REPORT = "es-fuel-poverty-evaluation-2025"
REPORT_TITLE = "Warm Homes Hastings: evaluation of the second wave"
SECTION = "4. What the second wave achieved"
PILOT = "east-sussex-fuel-poverty"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEASURES = ("Homes insulated in the second wave", "Households moved to a cheaper tariff")


def _rows(table: str, **changes: str) -> dict[str, str]:
    """A valid row of `table`: the template's example without its marker, changed."""
    example = templates.REPORT_EXAMPLES.get(table, templates.EXAMPLES[table])
    row = {c: example.get(c, "").removeprefix(templates.EXAMPLE_PREFIX) for c in tables.user_columns(table)}
    return {**row, **changes}


def report_sheets() -> dict[str, list[dict[str, str]]]:
    """A new report, the section its results cite, and two results of a pilot."""
    return {
        "sources": [
            _rows(
                "sources",
                source_id=REPORT,
                title=REPORT_TITLE,
                url="https://www.eastsussex.gov.uk/warm-homes",
                used_for="Second-wave figures of the Hastings fuel poverty pilot",
            )
        ],
        "source_sections": [
            _rows("source_sections", source_id=REPORT, section=SECTION, covers="The second wave's figures")
        ],
        "outputs": [
            _rows(
                "outputs",
                output_id=f"es-wave2-{i}",
                pilot_id=PILOT,
                measure=measure,
                unit="households",
                target_low="",
                target_high="",
                goal_same_measure="",
                actual=str(120 + i),
                qualifier="exactly",
                source_id=REPORT,
                locator=SECTION,
            )
            for i, measure in enumerate(MEASURES)
        ],
    }


def workbook(path: Path, sheets: dict[str, list[dict[str, str]]], extra_sheet: str | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    if extra_sheet:
        book.create_sheet(extra_sheet).append(["Notes for whoever loads this file"])
    for table, rows in sheets.items():
        sheet = book.create_sheet(table)
        columns = tables.user_columns(table)
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) or None for c in columns])
    book.save(path)
    return path


def csv_file(path: Path, table: str, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=tables.user_columns(table), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def count(db: Path, sql: str, **params: object) -> int:
    con = open_ro(db)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


def search_documents(db: Path, entity_id: str) -> int:
    return count(db, "select count(*) from search.documents where entity_id = $id", id=entity_id)


@pytest.mark.slow
def test_a_new_report_and_two_results_citing_it_load_and_undo_as_one_batch(fresh_db: Path, tmp_path: Path):
    before = db_checksum(fresh_db)
    path = workbook(tmp_path / "wave2.xlsx", report_sheets(), extra_sheet="Read me")
    report = ingest.ingest(path, db=fresh_db, loaded_by="Ana")
    assert report.loaded, report.lines()
    assert report.sheets == {"sources": 1, "source_sections": 1, "outputs": 2}
    assert report.table == "sources, source_sections, outputs" and report.rows == 4
    assert any("not read: 'Read me'" in note for note in report.notes)
    batch = ingest.batches(fresh_db).iloc[0]
    assert (batch.batch_id, batch.table_name, batch.row_count) == (report.batch_id, report.table, 4)
    assert search_documents(fresh_db, REPORT) == 1  # the search index follows a source load

    sources_page = page_text(run_page("pages/sources.py"))
    assert REPORT_TITLE in sources_page and SECTION in sources_page
    pilot_page = page_text(run_page("pages/pilots.py", pilot=PILOT))
    assert all(measure in pilot_page for measure in MEASURES)

    undone = ingest.undo(report.batch_id, db=fresh_db)
    assert (undone.table, undone.rows_removed) == (report.table, 4)
    assert REPORT_TITLE not in page_text(run_page("pages/sources.py"))
    pilot_page = page_text(run_page("pages/pilots.py", pilot=PILOT))
    assert not any(measure in pilot_page for measure in MEASURES)
    assert search_documents(fresh_db, REPORT) == 0
    after = db_checksum(fresh_db)
    assert {t: d for t, d in after.items() if t != "ingest_batches"} == {
        t: d for t, d in before.items() if t != "ingest_batches"
    }


def test_the_command_line_loads_the_same_workbook_as_one_batch(fresh_db: Path, tmp_path: Path, capsys):
    path = workbook(tmp_path / "wave2.xlsx", report_sheets())
    assert main(["ingest", str(path), "--db", str(fresh_db), "--by", "Ana"]) == 0
    out = capsys.readouterr().out
    assert "loaded 4 rows into sources, source_sections, outputs" in out
    assert count(fresh_db, "select count(*) from outputs where source_id = $s", s=REPORT) == 2


@pytest.mark.slow
def test_a_source_still_cited_by_another_batch_is_not_undone(fresh_db: Path, tmp_path: Path):
    sheets = report_sheets()
    report_only = {t: sheets[t] for t in ("sources", "source_sections")}
    source_batch = ingest.ingest(workbook(tmp_path / "report.xlsx", report_only), db=fresh_db)
    assert source_batch.loaded, source_batch.lines()
    results = ingest.ingest(csv_file(tmp_path / "results.csv", "outputs", sheets["outputs"]), db=fresh_db)
    assert results.loaded, results.lines()
    before = db_checksum(fresh_db)
    with pytest.raises(ingest.IngestError) as refused:
        ingest.undo(source_batch.batch_id, db=fresh_db)
    message = str(refused.value)
    assert "\n" not in message
    assert f"source '{REPORT}' is still cited by batch {results.batch_id} (outputs)" in message
    assert db_checksum(fresh_db) == before
    ingest.undo(results.batch_id, db=fresh_db)
    ingest.undo(source_batch.batch_id, db=fresh_db)
    assert count(fresh_db, "select count(*) from sources where source_id = $s", s=REPORT) == 0


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>hi</b>",
        "ftp://files.example.org/report.pdf",
        "www.gov.uk",
        "https://",
    ],
)
def test_a_source_address_must_be_a_web_address(url: str, fresh_db: Path, tmp_path: Path):
    path = csv_file(tmp_path / "sources.csv", "sources", [_rows("sources", source_id="new-report", url=url)])
    report = ingest.ingest(path, db=fresh_db)
    assert not report.loaded
    assert [(p.row, p.column) for p in report.problems] == [(2, "url")]
    assert "must start with https:// or http://" in report.problems[0].message


def test_web_addresses_and_an_empty_one_are_accepted(fresh_db: Path, tmp_path: Path):
    rows = [
        _rows("sources", source_id="report-https", url="https://www.gov.uk/a"),
        _rows("sources", source_id="report-http", url="HTTP://example.org/b?x=1"),
        _rows("sources", source_id="report-not-public", url=""),
    ]
    report = ingest.ingest(csv_file(tmp_path / "sources.csv", "sources", rows), db=fresh_db)
    assert report.loaded, report.lines()
    assert not row_rules.is_web_address("https://www.gov.uk/a b")


def test_a_source_needs_a_title_publisher_licence_and_a_real_date(fresh_db: Path, tmp_path: Path):
    rows = [
        _rows("sources", source_id="no-title", title=""),
        _rows("sources", source_id="no-publisher", publisher=""),
        _rows("sources", source_id="no-licence", licence=""),
        _rows("sources", source_id="bad-date", published_date="2025-02-30"),
        _rows("sources", source_id="seeded", seed_file="004_55b804ed8314ab13.txt"),
    ]
    report = ingest.ingest(csv_file(tmp_path / "sources.csv", "sources", rows), db=fresh_db)
    assert not report.loaded
    found = {(p.row, p.column) for p in report.problems}
    assert found == {(2, "title"), (3, "publisher"), (4, "licence"), (5, "published_date"), (6, "seed_file")}


def test_a_workbook_with_a_problem_in_one_sheet_loads_nothing_and_lists_every_sheet(
    fresh_db: Path, tmp_path: Path
):
    sheets = report_sheets()
    sheets["sources"][0]["url"] = "javascript:alert(1)"
    sheets["outputs"][1]["actual"] = "lots"
    before = db_checksum(fresh_db)
    path = workbook(tmp_path / "wave2.xlsx", sheets)
    report = ingest.ingest(path, db=fresh_db)
    assert not report.loaded
    assert db_checksum(fresh_db) == before
    lines = report.lines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("wave2.xlsx, sheet sources, row 2, column url: the address must start")
    assert lines[1].startswith("wave2.xlsx, sheet outputs, row 3, column actual:")
    shown = report.problem_table()
    assert list(shown.columns) == ["sheet", "row", "column", "problem"]
    assert list(shown["sheet"]) == ["sources", "outputs"]
    # The results cite the report of the first sheet: not an unknown source.
    assert not any("unknown source" in line for line in lines)


def test_results_citing_a_report_that_is_nowhere_are_refused(fresh_db: Path, tmp_path: Path):
    sheets = report_sheets()
    sheets["outputs"][0]["source_id"] = "no-such-report"
    report = ingest.ingest(workbook(tmp_path / "wave2.xlsx", sheets), db=fresh_db)
    assert not report.loaded
    assert [(p.table, p.row, p.column) for p in report.problems] == [("outputs", 2, "source_id")]


def test_the_report_workbook_template_is_refused_unchanged_and_loads_once_filled(
    fresh_db: Path, tmp_path: Path
):
    data = templates.report_workbook_xlsx({"pilots": ["good-help-hub"], "sources": ["pfpp-guidance-2024"]})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[:3] == ["sources", "source_sections", "outputs"]
    # The new report's id is typed, not picked from the documents already in the dashboard.
    outputs = book["outputs"]
    source_column = tables.user_columns("outputs").index("source_id") + 1
    letter = openpyxl.utils.get_column_letter(source_column)
    validated = {str(rule.sqref).split(":")[0] for rule in outputs.data_validations.dataValidation}
    assert f"{letter}2" not in validated and len(validated) > 0
    unchanged = tmp_path / "unchanged.xlsx"
    unchanged.write_bytes(data)
    refused = ingest.ingest(unchanged, db=fresh_db)
    assert not refused.loaded
    examples = [p for p in refused.problems if "the template's example row" in p.message]
    assert sorted(p.table for p in examples) == ["outputs", "source_sections", "sources"]
    for name in ("sources", "source_sections", "outputs"):
        for row in book[name].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = cell.value.replace(templates.EXAMPLE_PREFIX, "")
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    report = ingest.ingest(filled, db=fresh_db)
    assert report.loaded, report.lines()
    assert report.sheets == {"sources": 1, "source_sections": 1, "outputs": 1}
    ingest.undo(report.batch_id, db=fresh_db)


def test_one_table_of_a_workbook_still_loads_alone_when_asked(fresh_db: Path, tmp_path: Path):
    path = workbook(tmp_path / "wave2.xlsx", report_sheets())
    report = ingest.ingest(path, table="sources", db=fresh_db)
    assert report.loaded, report.lines()
    assert report.table == "sources" and not report.several
    assert count(fresh_db, "select count(*) from outputs where source_id = $s", s=REPORT) == 0


def test_schema_and_undo_know_the_source_tables(fresh_db: Path):
    con = duckdb.connect(str(fresh_db), read_only=True)
    try:
        with_batch = set(ingest._batch_tables(con))
    finally:
        con.close()
    assert {"sources", "source_sections"} <= with_batch
    assert {"sources", "source_sections"} <= set(tables.INGESTABLE)


@pytest.mark.slow
def test_the_add_data_page_loads_the_workbook_as_one_batch(fresh_db: Path, tmp_path: Path, monkeypatch):
    from tests.test_upload_page import PASSWORD, open_page, sign_in

    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    at = sign_in(open_page(), PASSWORD)
    data = workbook(tmp_path / "wave2.xlsx", report_sheets()).read_bytes()
    at.file_uploader[0].set_value(("wave2.xlsx", data, XLSX))
    at.run()
    assert not at.exception, at.exception
    next(t for t in at.text_input if t.label.startswith("Your name")).input("Ana Lyst")
    at.run()
    next(b for b in at.button if b.label.startswith("Load 4 rows")).click()
    at.run()
    assert not at.exception, at.exception
    batch = ingest.batches(fresh_db).iloc[0]
    assert (batch.table_name, batch.row_count, batch.loaded_by) == (
        "sources, source_sections, outputs",
        4,
        "Ana Lyst",
    )
    assert count(fresh_db, "select count(*) from sources where batch_id = $b", b=batch.batch_id) == 1
    assert count(fresh_db, "select count(*) from outputs where batch_id = $b", b=batch.batch_id) == 2


@pytest.mark.slow
def test_a_rebuild_keeps_or_writes_out_every_sheet_of_the_batch(fresh_db: Path, tmp_path: Path):
    from fivebarriers.data import build

    batch = ingest.ingest(workbook(tmp_path / "wave2.xlsx", report_sheets()), db=fresh_db).batch_id
    build.build(fresh_db, loads=build.KEEP)
    assert count(fresh_db, "select count(*) from sources where batch_id = $b", b=batch) == 1
    assert count(fresh_db, "select count(*) from outputs where batch_id = $b", b=batch) == 2
    result = build.build(fresh_db, loads=build.DISCARD)
    assert sorted(p.name for p in result.csvs) == [
        f"{batch}-outputs.csv",
        f"{batch}-source_sections.csv",
        f"{batch}-sources.csv",
    ]
    assert count(fresh_db, "select count(*) from sources where source_id = $s", s=REPORT) == 0
    for table in ("sources", "source_sections", "outputs"):  # each loads again, parents first
        assert ingest.ingest(_written(result.csvs, table), db=fresh_db).loaded


def _written(paths: list[Path], table: str) -> Path:
    return next(p for p in paths if p.name.endswith(f"-{table}.csv"))


def test_an_undo_refused_after_its_results_are_gone_leaves_the_whole_batch(
    fresh_db: Path, tmp_path: Path, monkeypatch
):
    """On a file the sources go in a second transaction of the same private
    copy (undo.py): a refusal after the first has committed still changes
    nothing, because the copy is never swapped in."""
    from fivebarriers.data import check
    from fivebarriers.data.check import Finding

    batch = ingest.ingest(workbook(tmp_path / "wave2.xlsx", report_sheets()), db=fresh_db).batch_id
    before = db_checksum(fresh_db)
    monkeypatch.setattr(check, "run_checks", lambda con: [Finding("sources", REPORT, "rule", "broken")])
    with pytest.raises(ingest.IngestError, match="break 1 rule"):
        ingest.undo(batch, db=fresh_db)
    assert db_checksum(fresh_db) == before
    assert ingest.batches(fresh_db).iloc[0].outcome == "loaded"


def test_a_one_table_template_keeps_its_own_id_list():
    """A place's parent is a place: the places template still lists the
    places in the dashboard (only another sheet's ids go without a list)."""
    data = templates.template_xlsx("places", {"places": ["wakefield"], "sources": ["pfpp-guidance-2024"]})
    sheet = openpyxl.load_workbook(io.BytesIO(data))["places"]
    letter = openpyxl.utils.get_column_letter(tables.user_columns("places").index("parent_id") + 1)
    assert f"{letter}2" in {str(rule.sqref).split(":")[0] for rule in sheet.data_validations.dataValidation}
