"""Every export is formula-safe, the workshop deck's chart workbooks included
(security review 2026-12-06, finding 9): one rule, fivebarriers.formula_safe."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
from openpyxl import load_workbook

from fivebarriers import formula_safe
from fivebarriers.store import summaries
from fivebarriers.store.db import Database
from fivebarriers.views import export
from fivebarriers.workshop import deck, storyboard

FORMULA = '=HYPERLINK("https://evil.example/x","Click")'


def test_text_a_spreadsheet_would_run_is_prefixed_and_the_rest_kept() -> None:
    for value in ("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert formula_safe.safe_cell(value) == "'" + value
        assert formula_safe.safe_text(value) == "'" + value
    for value in ("Liverpool", "1=1", "", 5, -2.5, None):
        assert formula_safe.safe_cell(value) == value
    assert export.safe_cell is formula_safe.safe_cell  # the downloads use the same rule


def _deck_with_measure(built_db: Path, tmp_path: Path, measure: str) -> bytes:
    db = tmp_path / "formula.duckdb"
    shutil.copy(built_db, db)
    con = duckdb.connect(str(db))
    try:
        # Every result's measure, so every chart of the deck carries it.
        con.execute("update outputs set measure = $m", {"m": measure})
        summaries.refresh(con)
    finally:
        con.close()
    with Database(db) as database:
        return deck.deck_bytes(storyboard.build_from_db(database))


def _embedded_workbooks(pptx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")}


def test_a_measure_starting_with_equals_is_no_formula_in_any_chart_workbook(built_db, tmp_path) -> None:
    workbooks = _embedded_workbooks(_deck_with_measure(built_db, tmp_path, FORMULA))
    assert workbooks, "the deck should embed a workbook for each chart"
    for name, raw in workbooks.items():
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            for part in z.namelist():
                if part.startswith("xl/worksheets/"):
                    assert not re.search(rb"<f[ >]", z.read(part)), (name, part)
        # The series name is the measure, as typed, behind an apostrophe.
        sheet = load_workbook(io.BytesIO(raw)).worksheets[0]
        names = {c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
        assert "'" + FORMULA in names, (name, names)


def test_the_downloads_keep_formula_text_as_text() -> None:
    frame = pd.DataFrame({"measure": [FORMULA, "people helped"], "actual": [1.0, 2.0]})
    assert export.csv_bytes(frame).decode("utf-8-sig").splitlines()[1].startswith("\"'=HYPERLINK")
    sheet = load_workbook(io.BytesIO(export.xlsx_bytes(frame))).worksheets[0]
    assert sheet["A2"].value == "'" + FORMULA and sheet["A2"].data_type == "s"
