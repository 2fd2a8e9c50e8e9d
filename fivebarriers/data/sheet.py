"""What a reader returns (a Sheet of text cells indexed by spreadsheet row)
and the tidy-up every reader shares: name the columns, refuse a blank or
duplicated header, drop blank rows and unnamed empty columns."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from fivebarriers.data.problems import Problem, shown


@dataclass
class Sheet:
    """What was read: header, text cells indexed by spreadsheet row, and notes."""

    file_name: str
    header: list[str]
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheet: str | None = None
    sha256: str = ""
    size: int = 0


def file_problem(message: str, row: int | None = None, column: str | None = None) -> Problem:
    return Problem("", row, column, message)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def empty(name: str, data: bytes, message: str, row: int | None = None) -> Sheet:
    return Sheet(name, [], pd.DataFrame(), [file_problem(message, row)], sha256=sha(data), size=len(data))


NO_HEADER = (
    "row 1 is empty: the first row must hold the column names (output_id, pilot_id, …). "
    "Start from the template, or copy its first row into yours"
)


def finish(
    name: str, header: list[str], frame: pd.DataFrame, sheet_name: str | None = None, skipped: int = 0
) -> Sheet:
    """Name the columns, drop blank rows and unnamed empty columns.
    `skipped` blank rows were dropped by the reader already (a workbook)."""
    problems: list[Problem] = []
    notes: list[str] = []
    names = [str(h).replace("\ufeff", "").strip() for h in header]
    if not any(names):
        return Sheet(name, [], pd.DataFrame(), [file_problem(NO_HEADER, row=1)], notes, sheet_name)
    if len(names) == 1 and names[0].count(";") + names[0].count("\t") >= 2:
        sep = "semicolons" if ";" in names[0] else "tabs"
        problems.append(
            file_problem(
                f"the columns are separated by {sep}, not commas: save the file as "
                "'CSV UTF-8 (comma delimited)'",
                row=1,
            )
        )
        return Sheet(name, [], pd.DataFrame(), problems, notes, sheet_name)
    keep: dict[str, str] = {}
    seen: set[str] = set()
    for i, h in enumerate(names):
        col = f"c{i}"
        if col not in frame.columns:
            continue
        if not h:
            if _all_blank(frame[col]):
                continue  # a trailing empty column, as spreadsheets often write
            problems.append(
                file_problem(f"column {i + 1} has data but no name in row 1: give it a header", row=1)
            )
            continue
        if h in seen:
            problems.append(
                file_problem(f"column '{shown(h)}' appears twice in row 1: keep one", row=1, column=h)
            )
            continue
        seen.add(h)
        keep[col] = h
    frame = frame[list(keep)].rename(columns=keep)
    had_rows = len(frame) > 0 or skipped > 0
    if len(frame.columns):
        blank = _blank_rows(frame)
        if blank.any():
            rows = frame.index[blank]
            shown_rows = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            notes.append(f"skipped {len(rows)} blank row(s): {shown_rows}")
            frame = frame[~blank]
    if not problems and frame.empty and len(frame.columns):
        what = "has only blank rows below the header" if had_rows else "has a header but no rows"
        problems.append(
            file_problem(
                f"the file {what}: there is nothing to load. Add your rows under the header, "
                "one result per row, and save it again",
            )
        )
    return Sheet(name, [h for h in names if h], frame, problems, notes, sheet_name)


def _blank_mask(series: pd.Series) -> np.ndarray:
    arr = pa.array(series, from_pandas=True)
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(arr), ""), True).to_numpy(zero_copy_only=False)


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty or spaces. Column by column, and only
    over rows still blank so far: a file without blank rows costs one column."""
    candidates = np.arange(len(frame))
    for col in frame.columns:
        if not len(candidates):
            break
        candidates = candidates[_blank_mask(frame[col].iloc[candidates])]
    mask = np.zeros(len(frame), dtype=bool)
    mask[candidates] = True
    return mask


def _all_blank(series: pd.Series) -> bool:
    return bool(_blank_mask(series).all()) if len(series) else True
