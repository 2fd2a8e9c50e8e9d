"""Reading an .xlsx workbook, guarded. An XLSX is a zip of XML that can
claim to be anything: before openpyxl parses a byte, the zip's expanded size,
its expansion ratio and its shared strings are checked; before a row is read,
the sheet's declared used range; while rows are read, the real extent (a
stray cell at XFD1 or row 1,048,576 stops the reading instead of padding a
million rows). Formulas and error cells are refused, never evaluated."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib

import openpyxl  # parses with defusedxml when it is installed (it is a dependency)
import pandas as pd
from openpyxl.utils import get_column_letter

from fivebarriers.data import tables
from fivebarriers.data.limits import (
    MAX_COLUMNS,
    MAX_XLSX_CELLS,
    MAX_XLSX_EXPANDED,
    MAX_XLSX_RATIO,
    MAX_XLSX_ROWS,
    MAX_XLSX_SHARED_STRINGS,
    human_size,
)
from fivebarriers.data.problems import Problem, shown
from fivebarriers.data.sheet import Sheet, empty, file_problem, finish, sha
from fivebarriers.store import schema

MAX_FORMULA_REPORTS = 50
_AS_CSV = "or save the sheet as CSV UTF-8 and load that"


class _TooBig(Exception):
    """The sheet turned out larger than the limits while it was being read."""


def read_xlsx(name: str, data: bytes, table: str | None) -> Sheet:
    problem = _zip_problem(data)
    if problem:
        return empty(name, data, problem)
    try:
        # data_only=False so formulas are seen (and refused), never evaluated;
        # macros in an .xlsm are not loaded at all (keep_vba defaults to False).
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for a bad workbook
        return empty(
            name, data, f"the workbook cannot be opened ({type(exc).__name__}): save it again as .xlsx"
        )
    try:
        chosen, problem = _choose_sheet(book, table)
        if chosen is None:
            return empty(name, data, problem)
        sheet, parsed = _read_sheet(name, data, book[chosen])
    finally:
        book.close()
    if len(book.sheetnames) > 1 and parsed:
        sheet.notes.append(f"read sheet '{chosen}' of {len(book.sheetnames)}")
    return sheet


def _read_sheet(name: str, data: bytes, worksheet) -> tuple[Sheet, bool]:
    """One worksheet as a Sheet and True, or an empty Sheet with the reason
    it cannot be read and False."""
    try:
        problem = _declared_range_problem(worksheet)
        if problem:
            return empty(name, data, problem), False
        sheet = _sheet_to_frame(name, worksheet)
    except _TooBig as exc:
        return empty(name, data, str(exc)), False
    except Exception as exc:  # a malformed sheet fails lazily, while its rows are parsed
        return empty(
            name,
            data,
            f"the workbook's sheet cannot be read ({type(exc).__name__}: {shown(exc, 80)}): "
            f"open it in your spreadsheet and save it again as .xlsx, {_AS_CSV}",
        ), False
    sheet.sha256, sheet.size = sha(data), len(data)
    return sheet, True


def table_sheets(name: str, data: bytes) -> list[Sheet] | None:
    """Every sheet named after a loadable table, parents first, when the
    workbook has two or more of them (a new report, its sections and the
    results that cite it, loaded as one batch); None otherwise, and the
    workbook is read as one table. Other sheets (a how-to, the hidden lists
    behind drop-downs) are not read: a note says so."""
    if _zip_problem(data):
        return None  # read as one table, which reports why it cannot be opened
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception:  # read as one table, which reports it
        return None
    try:
        named = {n.strip().lower(): n for n in book.sheetnames}
        chosen = [t for t in schema.TABLE_ORDER if t in tables.INGESTABLE and t in named]
        if len(chosen) < 2:
            return None
        sheets = []
        for table in chosen:
            sheet, _ = _read_sheet(name, data, book[named[table]])
            sheet.sheet = table
            sheets.append(sheet)
        others = [n for n in book.sheetnames if n.strip().lower() not in chosen]
    finally:
        book.close()
    note = f"read {len(chosen)} sheets as one batch ({', '.join(chosen)})"
    if others:
        note += "; not read: " + ", ".join(f"'{shown(n)}'" for n in others)
    sheets[0].notes.insert(0, note)
    return sheets


# A cell of a sheet's XML, with or without a value (<c r="B2"/>, <x:c r="B2" t="s">).
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SHEET_PART = re.compile(r"(?i)^xl/worksheets/[^/]+\.xml$")
_CHUNK = 1 << 20


def count_cells(data: bytes, stop_after: int) -> int:
    """The cells on every sheet of a workbook, empty ones included, counted in
    its XML without parsing it (0.9 s of CPU for 1.9 million); stops as soon as
    the count passes `stop_after`, and after MAX_XLSX_EXPANDED bytes of a
    sheet. A file that is no readable workbook counts what was read: the
    reader reports what is wrong with it."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not _SHEET_PART.match(info.filename):
                    continue
                with archive.open(info) as part:
                    carry, read = b"", 0
                    while total <= stop_after and read <= MAX_XLSX_EXPANDED:
                        chunk = part.read(_CHUNK)
                        if not chunk:
                            break
                        read += len(chunk)
                        text = carry + chunk
                        # Count up to the last "<": a cell cut in two by the chunk is
                        # counted once, with the next chunk.
                        cut = text.rfind(b"<")
                        cut = len(text) if cut < 0 else cut
                        total += sum(1 for _ in _CELL.finditer(text, 0, cut))
                        carry = text[cut:]
                    total += sum(1 for _ in _CELL.finditer(carry))
                if total > stop_after:
                    break
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        pass
    return total


def _zip_problem(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        return "the workbook is damaged and cannot be opened: save it again as .xlsx"
    expanded = sum(info.file_size for info in infos)
    shared = sum(info.file_size for info in infos if info.filename.lower().endswith("sharedstrings.xml"))
    if expanded > MAX_XLSX_EXPANDED or expanded > MAX_XLSX_RATIO * max(len(data), 1):
        return (
            f"the workbook would expand to {human_size(expanded)} when opened "
            f"({expanded / max(len(data), 1):,.0f} times its size), too large to read safely: "
            f"a workbook may expand to {human_size(MAX_XLSX_EXPANDED)} and {MAX_XLSX_RATIO} times its size. "
            "Save the sheet as CSV UTF-8 instead"
        )
    if shared > MAX_XLSX_SHARED_STRINGS:
        return (
            f"the workbook's text (its shared strings) would expand to {human_size(shared)}; the limit is "
            f"{human_size(MAX_XLSX_SHARED_STRINGS)}: save the sheet as CSV UTF-8 instead"
        )
    return ""


def _declared_range_problem(worksheet) -> str:
    """The used range the sheet declares (<dimension ref="A1:P20"/>), checked
    before any row is read. A sheet without one is guarded while it is read."""
    rows, columns = worksheet.max_row, worksheet.max_column
    if not rows or not columns:
        return ""
    declared = f"A1:{get_column_letter(columns)}{rows}"
    cells = rows * columns
    if columns > MAX_COLUMNS or cells > MAX_XLSX_CELLS:
        return (
            f"sheet '{shown(worksheet.title)}' says it uses {declared} ({columns:,} columns, {rows:,} rows, "
            f"{cells:,} cells); a sheet may use at most {MAX_COLUMNS} columns and {MAX_XLSX_CELLS:,} cells. "
            "Delete the rows and columns beyond your data (select them, right-click, Delete) and save, "
            + _AS_CSV
        )
    return ""


def _has_data(worksheet) -> bool:
    worksheet.reset_dimensions()
    for row in worksheet.iter_rows(min_row=1, max_row=5, max_col=MAX_COLUMNS):
        if any(c.value not in (None, "") for c in row):
            return True
    return False


def _choose_sheet(book, table: str | None) -> tuple[str | None, str]:
    names = list(book.sheetnames)
    if len(names) == 1:
        return names[0], ""
    lowered = {n.strip().lower(): n for n in names}
    if table and table in lowered:
        return lowered[table], ""
    if not table:
        named = [lowered[t] for t in tables.INGESTABLE if t in lowered]
        if len(named) == 1:
            return named[0], ""
    with_data = [n for n in names if _has_data(book[n])]
    if len(with_data) == 1:
        return with_data[0], ""
    listed = ", ".join(f"'{shown(n)}'" for n in names)
    target = f"'{table}'" if table else "after its table (e.g. 'outputs')"
    return None, (
        f"the workbook has {len(names)} sheets ({listed}) and it is not clear which to load: "
        f"name the sheet to load {target}, or save that sheet on its own"
    )


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _too_big(title: str, what: str) -> _TooBig:
    return _TooBig(
        f"sheet '{shown(title)}' {what}: delete the rows and columns beyond your data "
        f"(select them, right-click, Delete) and save, {_AS_CSV}"
    )


def _sheet_to_frame(name: str, worksheet) -> Sheet:
    worksheet.reset_dimensions()  # the declared range may be missing or wrong: read what is there
    problems: list[Problem] = []
    header: list[str] | None = None
    header_row = 0
    rows: list[list[str]] = []
    numbers: list[int] = []
    formulas = 0
    cells = 0
    blank: list[int] = []  # blank rows below the header (a gap openpyxl fills in counts too)
    for number, row in enumerate(worksheet.iter_rows(min_row=1), start=1):
        if number > MAX_XLSX_ROWS:
            raise _too_big(worksheet.title, f"goes on past row {MAX_XLSX_ROWS:,}")
        if not row:  # a gap between rows, generated by openpyxl: nothing to read
            if header is not None:
                blank.append(number)
            continue
        cells += len(row)
        if cells > MAX_XLSX_CELLS:
            raise _too_big(worksheet.title, f"holds more than {MAX_XLSX_CELLS:,} cells")
        if len(row) > MAX_COLUMNS:
            if any(c.value not in (None, "") for c in row[MAX_COLUMNS:]):
                raise _too_big(
                    worksheet.title,
                    f"has data in column {get_column_letter(len(row))} of row {number}; "
                    f"a sheet may use at most {MAX_COLUMNS} columns",
                )
            row = row[:MAX_COLUMNS]
        texts = [_cell_text(c) for c in row]
        if header is None:
            if any(t.strip() for t in texts):
                header = texts
                header_row = number
            continue
        width = len(header)
        if not any(t.strip() for t in texts) and not any(c.data_type in ("f", "e") for c in row):
            blank.append(number)
            continue
        for i, cell in enumerate(row):
            if cell.data_type in ("f", "e") and cell.value is not None:
                if i < width and formulas < MAX_FORMULA_REPORTS:
                    column = header[i].strip() or f"column {i + 1}"
                    problems.append(_formula_problem(cell, number, column))
                formulas += 1
                texts[i] = ""
        extra = texts[width:]
        if any(t.strip() for t in extra):
            problems.append(
                file_problem(
                    f"this row has data beyond the last named column ({len(texts)} cells, "
                    f"{width} names in row {header_row}): give the column a header or clear it",
                    row=number,
                )
            )
        rows.append((texts + [""] * width)[:width])
        numbers.append(number)
    if header is None:
        return Sheet(name, [], pd.DataFrame(), [file_problem(f"sheet '{shown(worksheet.title)}' is empty")])
    if formulas > MAX_FORMULA_REPORTS:
        problems.append(
            file_problem(f"{formulas - MAX_FORMULA_REPORTS} more cells hold formulas: paste values only")
        )
    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(header))], dtype="str")
    frame.index = pd.Index(numbers, dtype="int64")
    sheet = finish(name, header, frame, worksheet.title, skipped=len(blank))
    sheet.problems[:0] = problems
    if blank:
        listed = ", ".join(str(r) for r in blank[:10]) + (" …" if len(blank) > 10 else "")
        sheet.notes.append(f"skipped {len(blank):,} blank row(s): {listed}")
    if header_row != 1:
        sheet.notes.append(f"the header is on row {header_row}; rows above it are empty")
    return sheet


def _formula_problem(cell, row: int, column: str) -> Problem:
    quoted = shown(cell.value)
    if cell.data_type == "e":
        return file_problem(f"the cell shows the Excel error {quoted}: fix it or type the value", row, column)
    return file_problem(
        f"the cell holds a formula ({quoted}); formulas are not calculated on load: "
        "copy the column and use Paste Special > Values",
        row,
        column,
    )
