"""Read an analyst's file (CSV or XLSX) into a frame of text cells.

The program reads the bytes itself (DuckDB is never handed a user path), and
every cell stays text until validate.convert types it. Rows are numbered as
the analyst sees them in a spreadsheet: the header is row 1, and blank rows
keep their number even though they are skipped.

A file that cannot be read at all comes back with no rows and a problem that
says why and what to do (save as CSV UTF-8, pass --encoding, pick a sheet...).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import openpyxl  # parses with defusedxml when it is installed (it is a dependency)
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from fivebarriers.data import tables
from fivebarriers.data.validate import Problem

MB = 1024 * 1024
# The command line accepts big files (the benchmark loads a million rows);
# the upload page passes its own, smaller limit.
DEFAULT_MAX_BYTES = 1024 * MB
# An XLSX is a zip of XML: refuse one that would expand past this when opened.
MAX_XLSX_EXPANDED = 2048 * MB
MAX_XLSX_RATIO = 200
MAX_FORMULA_REPORTS = 50

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old-format Excel (.xls) or password-protected workbook",
}
_SAVE_AS = "save it from your spreadsheet as 'CSV UTF-8 (comma delimited)' or as an .xlsx workbook"


@dataclass(frozen=True)
class Upload:
    """A file that arrived as bytes (the upload page) rather than as a path."""

    name: str
    data: bytes


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


def _file_problem(message: str, row: int | None = None, column: str | None = None) -> Problem:
    return Problem("", row, column, message)


def _empty(name: str, data: bytes, message: str) -> Sheet:
    return Sheet(name, [], pd.DataFrame(), [_file_problem(message)], sha256=_sha(data), size=len(data))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def human_size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:,.1f} MB"
    if n >= 1024:
        return f"{n / 1024:,.1f} KB"
    return f"{n} bytes"


def load_bytes(
    source: Path | str | Upload, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, bytes | None, str]:
    """(file name, bytes or None, problem). The size is checked before reading."""
    if isinstance(source, Upload):
        size = len(source.data)
        name, data = source.name, source.data
    else:
        path = Path(source)
        name = path.name
        if not path.is_file():
            return name, None, f"no file at {path}: check the path"
        size = path.stat().st_size
        data = None
    if size > max_bytes:
        return (
            name,
            None,
            f"the file is {human_size(size)}; the limit is {human_size(max_bytes)}: "
            "split it into smaller files and load each one",
        )
    if data is None:
        data = Path(source).read_bytes()
    return name, data, ""


def read(
    source: Path | str | Upload,
    table: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Sheet:
    """Read a CSV or XLSX file. `table` picks the sheet of a workbook."""
    name, data, problem = load_bytes(source, max_bytes)
    if data is None:
        return Sheet(name, [], pd.DataFrame(), [_file_problem(problem)])
    if not data:
        return _empty(name, data, "the file is empty (0 bytes): export your spreadsheet again")
    if data.startswith(b"PK\x03\x04"):
        sheet = _read_xlsx(name, data, table)
        if not name.lower().endswith((".xlsx", ".xlsm")) and not sheet.problems:
            sheet.notes.append(f"{name} is an Excel workbook (read as .xlsx despite its name)")
        return sheet
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return _empty(name, data, f"this is {what}, not a CSV or .xlsx file: {_SAVE_AS}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not encoding:
        return _empty(
            name,
            data,
            "the file is UTF-16 text (Excel's 'Unicode Text'): save it as 'CSV UTF-8 (comma delimited)', "
            "or load it with --encoding utf-16",
        )
    if b"\x00" in data[:65536] and not (encoding or "").lower().startswith("utf-16"):
        return _empty(name, data, f"this is not a text file (it contains binary data): {_SAVE_AS}")
    text_bytes, problem = _to_utf8(data, encoding)
    if text_bytes is None:
        return _empty(name, data, problem)
    sheet = _read_csv(name, text_bytes)
    sheet.sha256, sheet.size = _sha(data), len(data)
    return sheet


def _to_utf8(data: bytes, encoding: str | None) -> tuple[bytes | None, str]:
    """UTF-8 bytes without a BOM, or None and the reason."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            return None, f"unknown encoding '{encoding}': use e.g. utf-8, latin-1 or cp1252"
        except UnicodeDecodeError as exc:
            return None, f"the file cannot be read as {encoding}: {_position(data, exc)}"
        return text.removeprefix("\ufeff").encode("utf-8"), ""
    body = data.removeprefix(b"\xef\xbb\xbf")
    if body.isascii():
        return body, ""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, (
            f"the file is not UTF-8: {_position(body, exc)}. Save it as 'CSV UTF-8 (comma delimited)', "
            "or if it was saved as Latin-1 / Windows text, load it with --encoding latin-1"
        )
    return body, ""


def _position(data: bytes, exc: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, exc.start) + 1
    bad = data[exc.start : exc.start + 1].hex().upper()
    return f"byte 0x{bad} at position {exc.start} (line {line}) is not valid"


# --- CSV -------------------------------------------------------------------


def _read_csv(name: str, data: bytes) -> Sheet:
    """pyarrow's parser for well-formed files; Python's csv module, which
    knows each record's number, when a row is ragged."""
    table = _arrow_csv(data)
    if table is None:
        return _python_csv(name, data.decode("utf-8"))
    if table.num_rows == 0:
        return Sheet(name, [], pd.DataFrame(), [_file_problem("the file has no header row")])
    header = [v or "" for v in table.slice(0, 1).to_pylist()[0].values()]
    body = table.slice(1)
    columns = {f"c{i}": body.column(i).to_pandas() for i in range(body.num_columns)}
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(2, body.num_rows + 2)
    return _finish(name, header, frame)


def _arrow_csv(data: bytes) -> pa.Table | None:
    first = data.split(b"\n", 1)[0]
    n = len(next(csv.reader([first.decode("utf-8", "replace")]), [])) or 1

    def refuse(_row) -> str:  # a ragged row: let the slow path locate it exactly
        return "error"

    try:
        return pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=[f"c{i}" for i in range(n)]),
            parse_options=pacsv.ParseOptions(
                ignore_empty_lines=False, newlines_in_values=True, invalid_row_handler=refuse
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={f"c{i}": pa.large_string() for i in range(n)},  # pandas str storage
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, ValueError):
        return None


def _python_csv(name: str, text: str) -> Sheet:
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return Sheet(name, [], pd.DataFrame(), [_file_problem(f"row 1 cannot be read: {exc}")])
    if header is None:
        return Sheet(name, [], pd.DataFrame(), [_file_problem("the file has no header row")])
    rows: list[list[str]] = []
    numbers: list[int] = []
    row_number = 1
    try:
        for record in reader:
            row_number += 1
            if not any(cell.strip() for cell in record):
                rows.append([""] * len(header))
                numbers.append(row_number)
                continue
            if len(record) != len(header):
                problems.append(
                    _file_problem(
                        f"this row has {len(record)} cells but the header has {len(header)}: "
                        "a cell that contains a comma must be in double quotes (your spreadsheet does "
                        "this when it saves as CSV)",
                        row=row_number,
                    )
                )
                continue  # its cells are in the wrong columns: checking them would mislead
            rows.append(record)
            numbers.append(row_number)
    except csv.Error as exc:
        problems.append(_file_problem(f"the file cannot be read from here on: {exc}", row=row_number + 1))
    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(header))], dtype="str")
    frame.index = pd.Index(numbers, dtype="int64")
    sheet = _finish(name, header, frame)
    sheet.problems[:0] = problems
    return sheet


# --- shared tidy-up ------------------------------------------------------------


def _finish(name: str, header: list[str], frame: pd.DataFrame, sheet_name: str | None = None) -> Sheet:
    """Name the columns, drop blank rows and unnamed empty columns."""
    problems: list[Problem] = []
    notes: list[str] = []
    names = [str(h).replace("\ufeff", "").strip() for h in header]
    if len(names) == 1 and names[0].count(";") + names[0].count("\t") >= 2:
        sep = "semicolons" if ";" in names[0] else "tabs"
        problems.append(
            _file_problem(
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
                _file_problem(f"column {i + 1} has data but no name in row 1: give it a header", row=1)
            )
            continue
        if h in seen:
            problems.append(_file_problem(f"column '{h}' appears twice in row 1: keep one", row=1, column=h))
            continue
        seen.add(h)
        keep[col] = h
    frame = frame[list(keep)].rename(columns=keep)
    if len(frame.columns):
        blank = _blank_rows(frame)
        if blank.any():
            rows = frame.index[blank]
            shown = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            notes.append(f"skipped {len(rows)} blank row(s): {shown}")
            frame = frame[~blank]
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


# --- XLSX ----------------------------------------------------------------------


def _read_xlsx(name: str, data: bytes, table: str | None) -> Sheet:
    sha, size = _sha(data), len(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return _empty(name, data, "the workbook is damaged and cannot be opened: save it again as .xlsx")
    if expanded > MAX_XLSX_EXPANDED or expanded > MAX_XLSX_RATIO * max(size, 1):
        return _empty(
            name,
            data,
            f"the workbook would expand to {human_size(expanded)} when opened, too large to read safely: "
            "save the sheet as CSV UTF-8 instead",
        )
    try:
        # data_only=False so formulas are seen (and refused), never evaluated;
        # macros in an .xlsm are not loaded at all (keep_vba defaults to False).
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for a bad workbook
        return _empty(
            name, data, f"the workbook cannot be opened ({type(exc).__name__}): save it again as .xlsx"
        )
    try:
        chosen, problem = _choose_sheet(book, table)
        if chosen is None:
            return _empty(name, data, problem)
        sheet = _sheet_to_frame(name, book[chosen])
    finally:
        book.close()
    sheet.sha256, sheet.size = sha, size
    if len(book.sheetnames) > 1:
        sheet.notes.append(f"read sheet '{chosen}' of {len(book.sheetnames)}")
    return sheet


def _has_data(worksheet) -> bool:
    worksheet.reset_dimensions()
    for row in worksheet.iter_rows(min_row=1, max_row=5):
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
    listed = ", ".join(f"'{n}'" for n in names)
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


def _sheet_to_frame(name: str, worksheet) -> Sheet:
    worksheet.reset_dimensions()
    problems: list[Problem] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    formulas = 0
    for number, row in enumerate(worksheet.iter_rows(min_row=1), start=1):
        texts = [_cell_text(c) for c in row]
        if header is None:
            if any(t.strip() for t in texts):
                header = texts
                header_row = number
            continue
        width = len(header)
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
                _file_problem(
                    f"this row has data beyond the last named column ({len(texts)} cells, "
                    f"{width} names in row {header_row}): give the column a header or clear it",
                    row=number,
                )
            )
        rows.append((texts + [""] * width)[:width])
        numbers.append(number)
    if header is None:
        return Sheet(name, [], pd.DataFrame(), [_file_problem(f"sheet '{worksheet.title}' is empty")])
    if formulas > MAX_FORMULA_REPORTS:
        problems.append(
            _file_problem(f"{formulas - MAX_FORMULA_REPORTS} more cells hold formulas: paste values only")
        )
    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(header))], dtype="str")
    frame.index = pd.Index(numbers, dtype="int64")
    sheet = _finish(name, header, frame, worksheet.title)
    sheet.problems[:0] = problems
    if header_row != 1:
        sheet.notes.append(f"the header is on row {header_row}; rows above it are empty")
    return sheet


def _formula_problem(cell, row: int, column: str) -> Problem:
    shown = str(cell.value)
    shown = shown if len(shown) <= 40 else shown[:37] + "…"
    if cell.data_type == "e":
        return _file_problem(f"the cell shows the Excel error {shown}: fix it or type the value", row, column)
    return _file_problem(
        f"the cell holds a formula ({shown}); formulas are not calculated on load: "
        "copy the column and use Paste Special > Values",
        row,
        column,
    )
