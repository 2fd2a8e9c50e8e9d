"""Templates (issue 16, items 5 and 7): every example row carries the
`example-` marker the loader refuses; the Excel template reads back through
the loader, with drop-down lists of allowed words (strict) and current ids
(a warning), and an id that looks like a formula stays text."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from fivebarriers.data import ingest, tables, templates
from fivebarriers.data.readers import Upload
from tests.test_ingest import db_checksum

IDS = {"pilots": ["good-help-hub", "=HYPERLINK(1)"], "sources": ["pfpp-guidance-2024"]}


@pytest.mark.parametrize("table", tables.INGESTABLE)
def test_every_example_row_carries_the_marker(table: str):
    ids = [v for c, v in templates.EXAMPLES[table].items() if c.endswith("_id")]
    assert any(v.startswith(templates.EXAMPLE_PREFIX) for v in ids)


@pytest.mark.parametrize("table", tables.INGESTABLE)
def test_excel_template_unchanged_is_refused_and_filled_in_passes(table: str, fresh_db: Path):
    data = templates.template_xlsx(table, IDS)
    before = db_checksum(fresh_db)
    refused = ingest.ingest(Upload(f"{table}.xlsx", data), db=fresh_db)
    assert not refused.loaded
    assert [p.row for p in refused.problems] == [2]
    assert "the template's example row" in refused.problems[0].message
    assert refused.table == table and f"read sheet '{table}' of 3" in refused.notes
    assert db_checksum(fresh_db) == before

    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[table]
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            cell.value = cell.value.replace(templates.EXAMPLE_PREFIX, "")
    filled = io.BytesIO()
    book.save(filled)
    report = ingest.validate_file(Upload(f"{table}.xlsx", filled.getvalue()), db=fresh_db)
    assert report.ok, report.lines()


def test_excel_template_lists_allowed_words_strictly_and_ids_as_a_warning():
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx("outputs", IDS)))
    sheet, lists = book["outputs"], book[templates.LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    rules = {str(r.sqref): r for r in sheet.data_validations.dataValidation}
    columns = tables.user_columns("outputs")
    letter = {c: openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(columns)}
    kind = rules[f"{letter['kind']}2:{letter['kind']}{templates.LIST_ROWS + 1}"]
    assert kind.errorStyle == "stop"
    listed = {lists.cell(row=1, column=c).value: c for c in range(1, lists.max_column + 1)}
    kind_values = [lists.cell(row=r, column=listed["kind"]).value for r in range(2, 4)]
    assert kind_values == list(tables.ALLOWED[("outputs", "kind")])
    pilot = rules[f"{letter['pilot_id']}2:{letter['pilot_id']}{templates.LIST_ROWS + 1}"]
    assert pilot.errorStyle == "warning"
    formula_like = lists.cell(row=3, column=listed["pilot_id"])
    assert formula_like.value == "=HYPERLINK(1)" and formula_like.data_type == "s"
    assert sheet[f"{letter['period_end']}2"].is_date  # a real date cell, not text


def test_csv_template_unchanged_is_refused(fresh_db: Path):
    report = ingest.validate_file(Upload("outputs.csv", templates.template("outputs").encode()), db=fresh_db)
    assert [(p.row, p.column) for p in report.problems] == [(2, "output_id")]
