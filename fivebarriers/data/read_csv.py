"""Reading a CSV that is already UTF-8: pyarrow's parser for a well-formed
file, Python's csv module (which knows each record's number) when a row is
ragged. The header's width and the file's cell count are checked before
either parser runs: a 1,000,000-column header is refused, not parsed."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from fivebarriers.data.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROW_BYTES, human_size
from fivebarriers.data.problems import Problem
from fivebarriers.data.sheet import NO_HEADER, Sheet, file_problem, finish

_FIELD_LIMIT = csv.field_size_limit()  # Python's csv refuses longer cells (131,072 characters)
_TOO_LONG_CELL = (
    f"a cell is longer than {_FIELD_LIMIT:,} characters (the limit for a cell is 10,000): "
    "shorten it, or check that every opening double quote is closed"
)


def read_csv(name: str, data: bytes) -> Sheet:
    header, problem = _header(data)
    if problem:
        return Sheet(name, [], pd.DataFrame(), [problem])
    if header is None or not any(h.strip() for h in header):
        return Sheet(name, [], pd.DataFrame(), [file_problem(NO_HEADER, row=1)])
    # Every cell costs at least one byte (its comma): a small file cannot hold too many.
    rows = data.count(b"\n") + (0 if data.endswith(b"\n") else 1) if len(data) > MAX_CELLS else 0
    cells = rows * len(header)
    if cells > MAX_CELLS:
        return Sheet(
            name,
            [],
            pd.DataFrame(),
            [
                file_problem(
                    f"the file has about {rows:,} rows of {len(header)} columns ({cells:,} cells); "
                    f"the limit is {MAX_CELLS:,} cells: split it into smaller files and load each one"
                )
            ],
        )
    table = _arrow_csv(data, len(header))
    if table is None:
        return _python_csv(name, data.decode("utf-8"))
    if table.num_rows == 0:
        return Sheet(name, [], pd.DataFrame(), [file_problem(NO_HEADER, row=1)])
    body = table.slice(1)
    columns = {f"c{i}": body.column(i).to_pandas() for i in range(body.num_columns)}
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(2, body.num_rows + 2)
    return finish(name, header, frame)


def _header(data: bytes) -> tuple[list[str] | None, Problem | None]:
    """Row 1's cells, or the limit it breaks; read from at most MAX_ROW_BYTES."""
    end = data.find(b"\n", 0, MAX_ROW_BYTES + 1)
    if end < 0 and len(data) > MAX_ROW_BYTES:
        return None, file_problem(
            f"row 1 is longer than {human_size(MAX_ROW_BYTES)}: it cannot be a header. "
            f"A file has at most {MAX_COLUMNS} columns: check that this is the right file",
            row=1,
        )
    first = data[: end if end >= 0 else len(data)].rstrip(b"\r")
    if first.count(b",") + 1 > MAX_COLUMNS:
        try:  # a comma inside quotes is not a column: count exactly before refusing
            width = len(next(csv.reader([first.decode("utf-8", "replace")]), []))
        except csv.Error:
            width = first.count(b",") + 1
        if width > MAX_COLUMNS:
            return None, file_problem(
                f"row 1 has {width:,} columns; a file may have at most {MAX_COLUMNS}: keep only the "
                "columns of the template (delete the empty columns to the right of your data)",
                row=1,
            )
    try:
        return next(csv.reader([first.decode("utf-8", "replace")]), []), None
    except csv.Error:
        return None, file_problem(_TOO_LONG_CELL, row=1)


def _arrow_csv(data: bytes, n: int) -> pa.Table | None:
    n = max(n, 1)

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
    except csv.Error:
        return Sheet(name, [], pd.DataFrame(), [file_problem(_TOO_LONG_CELL, row=1)])
    if header is None or not any(h.strip() for h in header):
        return Sheet(name, [], pd.DataFrame(), [file_problem(NO_HEADER, row=1)])
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
                    file_problem(
                        f"this row has {len(record):,} cells but the header has {len(header)}: "
                        "a cell that contains a comma must be in double quotes (your spreadsheet does "
                        "this when it saves as CSV)",
                        row=row_number,
                    )
                )
                continue  # its cells are in the wrong columns: checking them would mislead
            rows.append(record)
            numbers.append(row_number)
    except csv.Error as exc:
        message = (
            _TOO_LONG_CELL if "field limit" in str(exc) else f"the file cannot be read from here on: {exc}"
        )
        problems.append(file_problem(message, row=row_number + 1))
    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(header))], dtype="str")
    frame.index = pd.Index(numbers, dtype="int64")
    sheet = finish(name, header, frame)
    sheet.problems[:0] = problems
    return sheet
