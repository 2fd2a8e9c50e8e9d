"""Downloads that are safe to open in a spreadsheet: every text cell goes
through fivebarriers.formula_safe, the one rule for all exports (the deck's
chart workbooks use it too)."""

from __future__ import annotations

import io

import pandas as pd

from fivebarriers.formula_safe import FORMULA_STARTS, safe_cell

__all__ = ["FORMULA_STARTS", "csv_bytes", "safe_cell", "safe_frame", "xlsx_bytes"]


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # utf-8-sig so Excel opens £ and en dashes correctly.
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
