"""Downloads are safe to open in a spreadsheet: a cell starting with = + - @
(or a tab / carriage return hiding one) is neutralised in CSV and XLSX, and
numbers stay numbers."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from fivebarriers.views import explorer, export

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Measure": [*DANGEROUS, "plain text"],
            "Actual": [1.0, 2.0, -3.0, 4.0, 5.0, 6.0, 550.0],
            "=bad header": ["x"] * 7,
        }
    )


def test_csv_neutralises_formula_cells_and_headers():
    text = export.csv_bytes(frame()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][2] == "'=bad header"
    measures = [r[0] for r in rows[1:]]
    assert measures[:-1] == ["'" + d for d in DANGEROUS]
    assert measures[-1] == "plain text"
    # A negative number is data, not a formula: it stays a number.
    assert rows[3][1] == "-3.0"


def test_xlsx_neutralises_formula_cells_and_keeps_numbers():
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame(), sheet="outputs")))
    sheet = book["outputs"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][2] == "'=bad header"
    assert [r[0] for r in values[1:-1]] == ["'" + d for d in DANGEROUS]
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type != "f"  # no cell is stored as a formula
    assert values[3][1] == -3.0
    assert values[7][1] == 550  # a number cell, not text
    assert sheet.cell(row=8, column=2).data_type == "n"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_explorer_download_frame_is_formula_safe(fmt):
    # A measure typed by an analyst that starts with "=" reaches the download
    # through the explorer's own frame builder.
    row = {
        "output_id": "x1",
        "pilot_name": "=cmd|' /C calc'!A0",
        "place_name": "Croxteth",
        "programme_name": "PfPP",
        "measure": "@risk",
        "unit": "people",
        "target_low": 100.0,
        "target_high": 100.0,
        "target_qualifier": None,
        "actual": 550.0,
        "qualifier": "over",
        "kind": "achieved",
        "status": "reported",
        "barriers": "Structures",
        "departments": "DWP",
        "source_title": "+source",
        "locator": "-section",
        "goal_same_measure": True,
    }
    out = explorer.outputs_frame([row], with_links=False)  # as the page builds its downloads
    assert out.loc[0, "Result against goal"] == "over 550 people against a goal of 100 (over 5.5× the goal)"
    if fmt == "csv":
        text = export.csv_bytes(out).decode("utf-8-sig")
        # the pilot leads each row now (issue 13): its cell starts the line
        assert "\n'=cmd" in text and ",'@risk," in text and "'+source: -section" in text
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(out))).active
        cells = [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))]
        assert "'=cmd|' /C calc'!A0" in cells and "'@risk" in cells
        assert 550.0 in cells
