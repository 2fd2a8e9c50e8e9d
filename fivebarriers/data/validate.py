"""Cell validation shared by the build (curated CSVs) and ingest (analysts'
files): text cells become the schema's types, column by column (pyarrow
compute kernels on a frame of text), so a million rows validate in about a
second; each problem names the row, the column and what to do.

Rows are identified by the frame's index: the build's frames count from 0
(and the build turns that into a file line), ingest's frames are indexed by
the row number the analyst sees in their spreadsheet.

The pieces live beside this module: `problems` (the Problem record), `hints`
(what to say about a bad number or value), `dates` (dates as people type
them), `row_rules` (rules across a row) and `keys` (ids and references);
their public names are re-exported here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from fivebarriers.data import tables
from fivebarriers.data.arrow_text import (
    arrow_text,
    has_control_bytes,
    may_hold_unexportable,
    np_mask,
    null_where,
)
from fivebarriers.data.dates import read_date, starts_a_period
from fivebarriers.data.hints import (
    DASHES,
    NO_FIGURE_WORDS,
    NUMBER,
    QUALIFIER_COLUMN,
    QUALIFIER_WORDS,
    STATUS_COLUMN,
    UNIT_COLUMN,
    allowed_hint,
    dash_hint,
    no_figure_hint,
    number_hint,
    suggest,
)
from fivebarriers.data.keys import (
    EXAMPLE_PREFIX,
    duplicate_keys,
    example_rows,
    existing_keys,
    foreign_keys,
    header_problems,
)
from fivebarriers.data.problems import MAX_PROBLEMS_PER_RULE, Message, Problem, fmt, problems_where
from fivebarriers.data.row_rules import EARLIEST_DATE, YEARS_AHEAD, row_rules

__all__ = [
    "EARLIEST_DATE",
    "EXAMPLE_PREFIX",
    "MAX_ABS_NUMBER",
    "MAX_PROBLEMS_PER_RULE",
    "MAX_TEXT_LENGTH",
    "QUALIFIER_COLUMN",
    "QUALIFIER_WORDS",
    "UNIT_COLUMN",
    "YEARS_AHEAD",
    "Problem",
    "Typed",
    "allowed_hint",
    "convert",
    "duplicate_keys",
    "existing_keys",
    "foreign_keys",
    "header_problems",
    "number_hint",
    "suggest",
]

MAX_TEXT_LENGTH = 10_000
# Above a million million a figure is a unit or decimal-point slip, not a count
# of people or pounds (the largest curated figure is £9bn).
MAX_ABS_NUMBER = 1e12

_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# Characters no XLSX (XML 1.0) or CSV export can carry safely: C1 controls and
# Unicode non-characters (U+FDD0-U+FDEF, U+FFFE, U+FFFF and their twins in
# every plane). One of them in the database breaks the Excel download for everyone.
_UNEXPORTABLE = (
    r"[\x{80}-\x{9F}\x{FDD0}-\x{FDEF}\x{FFFE}\x{FFFF}"
    + "".join(rf"\x{{{plane:X}FFFE}}\x{{{plane:X}FFFF}}" for plane in range(1, 17))
    + "]"
)


@dataclass
class Typed:
    """A validated frame: text cells converted to the schema's types, the
    problems found, and notes on cells read in a form other than the plain one
    (a date written 31/03/2024, 'TBC' read as no figure)."""

    frame: pd.DataFrame
    problems: list[Problem]
    notes: list[str] = field(default_factory=list)


def _all_numbers(text: pa.Array) -> np.ndarray | None:
    """The column as floats when every cell parses (the usual case), else None.
    Arrow also reads 'nan' and 'inf': the caller refuses them."""
    try:
        return pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _numbers(text: pa.Array, blank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Float values (NaN where empty or bad) and the mask of bad cells."""
    try:
        # Fast path: the whole column parses. Arrow also reads 'nan' and
        # 'inf'; 'nan' is refused here, infinities by the caller.
        values = pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
        return values, np.isnan(values) & ~blank
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        ok = np_mask(pc.match_substring_regex(text, NUMBER))
        bad = ~blank & ~ok
        castable = pc.if_else(pa.array(ok), text, pa.scalar(None, text.type))
        try:
            return pc.cast(castable, pa.float64()).to_numpy(zero_copy_only=False), bad
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # e.g. 1e999999: not a finite double
            values = np.array([_float(v) for v in castable.to_pylist()], dtype=float)
            return values, bad


def _float(text: str | None) -> float:
    try:
        return float(text) if text is not None else np.nan
    except (ValueError, OverflowError):
        return np.inf


def _lowered(raw: pd.DataFrame, column: str) -> np.ndarray:
    """A column's trimmed, lower-cased text as a numpy array of str ('' if empty)."""
    if column not in raw.columns:
        return np.full(len(raw), "", dtype=object)
    text, _ = arrow_text(raw[column])
    return pc.fill_null(pc.utf8_lower(text), "").to_numpy(zero_copy_only=False)


def convert(
    table: str,
    raw: pd.DataFrame,
    today: dt.date | None = None,
    python_dates: bool = True,
    reported_rows: Iterable[int] = (),
) -> Typed:
    """Check types, required values and allowed values; return typed columns.

    `raw` holds text (or NaN for empty cells) under the table's column names.
    Dates come back as datetime.date objects, or with `python_dates=False` as
    datetime64 (faster, for ingest). `reported_rows` already have a problem
    found by the reader (a formula, an Excel error); the row rules skip them."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    notes: list[str] = []
    out: dict[str, pd.Series | np.ndarray] = {}
    index = raw.index

    def flag(mask: np.ndarray, column: str | None, message: Message) -> None:
        if mask.any():
            problems.extend(problems_where(table, pd.Series(mask, index=index), column, message))

    problems += example_rows(table, raw)
    for col in tables.column_specs()[table]:
        if col.name not in raw.columns:
            continue
        text, broken = arrow_text(raw[col.name])
        flag(broken, col.name, "the cell holds a broken character (half of a UTF-16 pair): retype it")
        blank = np_mask(pc.is_null(text))
        said = broken.copy()  # cells already reported: not "empty" as well

        def cell(i: int, t: pa.Array = text) -> str:
            return t[i].as_py()

        if col.type in ("DOUBLE", "INTEGER", "BIGINT"):
            values = _all_numbers(text)
            if values is None:  # some cell is not a number: words first, then the rest
                text, blank, refused = _figures(table, col, text, blank, raw, flag, notes)
                said |= refused
                values, bad = _numbers(text, blank)
            else:
                bad = np.isnan(values) & ~blank
            flag(bad, col.name, lambda i, c=col.name, t=cell: number_hint(table, c, t(i)))
            finite = np.isfinite(values) | np.isnan(values)
            flag(~finite, col.name, "infinite values are not allowed: give a finite number")
            values = np.where(finite, values, np.nan)
            huge = np.abs(np.nan_to_num(values)) > MAX_ABS_NUMBER
            flag(
                huge,
                col.name,
                lambda i, v=values: (
                    f"{fmt(v[i])} is implausibly large (more than a million million): "
                    "check the units and the decimal point"
                ),
            )
            if col.type != "DOUBLE":
                whole = np.isnan(values) | (values == np.round(values))
                flag(~whole, col.name, f"{col.name} must be a whole number")
            out[col.name] = pd.Series(values, index=index)
        elif col.type == "DATE":
            dates, blank = _dates(col, text, blank, today, index, flag, notes)
            out[col.name] = dates.dt.date.where(dates.notna(), None) if python_dates else dates
        elif col.type == "BOOLEAN":
            lowered = pc.utf8_lower(text)
            bad = ~blank & ~np_mask(pc.is_in(lowered, value_set=pa.array(["true", "false"])))
            flag(bad, col.name, "write true or false")
            out[col.name] = pd.Series(lowered.to_numpy(zero_copy_only=False), index=index).map(
                {"true": True, "false": False}
            )
        else:
            _text_checks(table, col.name, text, blank, flag)
            series = text.to_pandas()
            series.index = index
            out[col.name] = series
        if col.required:
            flag(blank & ~said, col.name, f"{col.name} is empty: every row needs one")
    frame = pd.DataFrame(out, index=index)
    # A cell already reported (empty, not a number...) reads as empty to the
    # row rules; what they would say about its row follows from it, so wait.
    reported = {p.row for p in problems if p.row is not None} | set(reported_rows)
    problems += [p for p in row_rules(table, frame, today) if p.row not in reported]
    return Typed(frame, problems, notes)


def _figures(table, col, text, blank, raw, flag, notes):
    """'TBC', 'n/a' and the like in a figure column: read as no figure where an
    empty cell says the same thing honestly, otherwise explained. A dash may be
    a zero (accounting formats show 0 as '-'), so it is only read as no figure
    on a row that says the figure was not reported."""
    none = np.zeros(len(blank), dtype=bool)
    if bool(blank.all()):
        return text, blank, none
    lowered = pc.utf8_lower(text)
    words = np_mask(pc.is_in(lowered, value_set=pa.array(sorted(NO_FIGURE_WORDS))))
    dashes = np_mask(pc.is_in(lowered, value_set=pa.array(sorted(DASHES))))
    if not (words.any() or dashes.any()):
        return text, blank, none
    status = STATUS_COLUMN.get((table, col.name))
    if status:
        honest = _lowered(raw, status) == "not reported"
        accept = (words | dashes) & honest
    elif col.required:
        accept = np.zeros(len(blank), dtype=bool)
    else:
        accept = words
    refuse = (words | dashes) & ~accept

    def message(i: int, t=text) -> str:
        cell = t[i].as_py()
        quoted = f"'{cell}'"
        if cell.lower() in DASHES:
            return dash_hint(table, col.name, quoted)
        return no_figure_hint(table, col.name, quoted, required=col.required)

    flag(refuse, col.name, message)
    if accept.any():
        first = text[int(np.flatnonzero(accept)[0])].as_py()
        n = int(accept.sum())
        why = f" (where {status} is 'not reported')" if status else ""
        notes.append(f"{col.name}: read '{first}' as no figure on {n:,} row{'s' if n != 1 else ''}{why}")
    # Refused cells are reported here; the number parser must not report them again.
    gone = accept | refuse
    return null_where(text, gone), blank | gone, refuse


def _dates(col, text, blank, today, index, flag, notes):
    """ISO dates column-wise; any other form cell by cell (once per distinct
    text) through dates.read_date."""
    iso = np_mask(pc.match_substring_regex(text, _ISO_DATE))
    iso_text = text if (iso | blank).all() else null_where(text, ~iso)
    stamps = pc.strptime(iso_text, format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls 2023-02-30 over to 2023-03-02: the day must survive.
    day_written = pc.cast(pc.utf8_slice_codeunits(iso_text, 8, 10), pa.int64(), safe=False)
    parsed = np_mask(pc.and_(pc.is_valid(stamps), pc.equal(pc.day(stamps), day_written)))
    values = pd.Series(stamps.to_numpy(zero_copy_only=False), index=index).astype("datetime64[s]")
    if not parsed.all():
        values[~parsed] = pd.NaT
    other = ~blank & ~parsed
    if other.any():
        start = starts_a_period(col.name)
        positions = np.flatnonzero(other)
        cells = text.take(pa.array(positions)).to_pylist()
        readings = {t: read_date(t, start, col.required) for t in dict.fromkeys(cells)}
        bad = np.zeros(len(blank), dtype=bool)
        how: list[str] = []
        read = 0
        for position, cell in zip(positions, cells, strict=True):
            reading = readings[cell]
            if reading.problem:
                bad[position] = True
            elif reading.date is not None:
                values.iloc[position] = pd.Timestamp(reading.date)
                read += 1
            else:
                blank = blank.copy()
                blank[position] = True
            if reading.how and len(how) < 1:
                how.append(reading.how)
        flag(bad, col.name, lambda i, t=text, r=readings: r[t[i].as_py()].problem)
        if how:
            n = int((other & ~bad).sum())
            more = f" (and {n - 1:,} more cell{'s' if n != 2 else ''} written another way)" if n > 1 else ""
            notes.append(f"{col.name}: read {how[0]}{more}")
    early = (values < pd.Timestamp(EARLIEST_DATE)).to_numpy(dtype=bool, na_value=False)
    latest = pd.Timestamp(today) + pd.DateOffset(years=YEARS_AHEAD)
    late = (values > latest).to_numpy(dtype=bool, na_value=False)
    flag(early, col.name, lambda i, v=values: f"{_day(v.iloc[i])} is before 1900: check the year")
    flag(
        late,
        col.name,
        lambda i, v=values: f"{_day(v.iloc[i])} is more than {YEARS_AHEAD} years ahead: check the year",
    )
    return values, blank


def _day(value: pd.Timestamp) -> str:
    return value.date().isoformat()


def _text_checks(table, column, text, blank, flag) -> None:
    allowed = tables.ALLOWED.get((table, column))
    if allowed:
        bad = ~blank & ~np_mask(pc.is_in(text, value_set=pa.array(allowed)))
        flag(bad, column, lambda i, t=text, a=allowed: allowed_hint(t[i].as_py(), a))
    # Cheap byte-level tests first; the per-row kernels run only on a hit.
    if len(text) and (pc.max(pc.binary_length(text)).as_py() or 0) > MAX_TEXT_LENGTH:
        long = np_mask(pc.greater(pc.utf8_length(text), MAX_TEXT_LENGTH))
        flag(
            long,
            column,
            lambda i, t=text: (
                f"the cell is {len(t[i].as_py()):,} characters long; the limit is "
                f"{MAX_TEXT_LENGTH:,}: shorten it"
            ),
        )
    if has_control_bytes(text):
        control = np_mask(pc.match_substring_regex(text, _CONTROL))
        flag(control, column, "the cell contains invisible control characters: retype it")
    if may_hold_unexportable(text):
        odd = np_mask(pc.match_substring_regex(text, _UNEXPORTABLE))
        flag(
            odd,
            column,
            "the cell contains a character that no spreadsheet can hold (a Unicode non-character "
            "such as U+FFFE, or an invisible C1 control): retype the text, or paste it as plain text",
        )
