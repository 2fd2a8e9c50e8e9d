"""Row validation shared by the build (curated CSVs) and ingest (analysts'
files). Works column-wise (pyarrow compute kernels on a frame of text), so a
million rows validate in about a second; each problem names the row, the
column and what to do.

Rows are identified by the frame's index: the build's frames count from 0
(and the build turns that into a file line), ingest's frames are indexed by
the row number the analyst sees in their spreadsheet."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from fivebarriers.data import tables

# A row of None marks a problem with the file, not with one row.
MAX_PROBLEMS_PER_RULE = 50
MAX_TEXT_LENGTH = 10_000
# Above a million million a figure is a unit or decimal-point slip, not a count
# of people or pounds (the largest curated figure is £9bn).
MAX_ABS_NUMBER = 1e12
EARLIEST_DATE = dt.date(1900, 1, 1)
YEARS_AHEAD = 30
# Suggestions are looked up in at most this many keys (difflib is O(n) each).
MAX_SUGGESTION_POOL = 50_000

_NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"

# Where the word of "over 550" belongs, for each numeric column that has one.
QUALIFIER_COLUMN: dict[tuple[str, str], str] = {
    ("outputs", "actual"): "qualifier",
    ("outputs", "target_low"): "target_qualifier",
    ("outputs", "target_high"): "target_qualifier",
    ("barrier_evidence", "value"): "value_qualifier",
    ("funding_flows", "amount_gbp"): "amount_qualifier",
    ("context_figures", "value"): "qualifier",
}
UNIT_COLUMN = {"outputs": "unit", "barrier_evidence": "value_unit", "context_figures": "unit"}

QUALIFIER_WORDS = {
    "over": "over",
    "more than": "over",
    "above": "over",
    ">": "over",
    "at least": "at least",
    ">=": "at least",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx": "about",
    "approx.": "about",
    "c.": "about",
    "c": "about",
    "circa": "about",
    "~": "about",
    "roughly": "about",
    "nearly": "about",
    "almost": "about",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "below": "under",
    "<": "under",
    "up to": "up to",
    "<=": "up to",
    "exactly": "exactly",
}
_WORDS = "|".join(re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True))
_QUALIFIED = re.compile(rf"^({_WORDS})\s*([£$€]?\s*[\d,]*\.?\d+)\s*([a-z%].*)?$", re.IGNORECASE)
_PLUS = re.compile(r"^([\d,]*\.?\d+)\s*\+$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
_RANGE = re.compile(r"^([\d,]*\.?\d+)\s*(?:-|–|—|to)\s*([\d,]*\.?\d+)$", re.IGNORECASE)
_MONEY = re.compile(r"^[£$€]\s*[\d,]*\.?\d+\s*(k|m|bn|million|billion)?$", re.IGNORECASE)
_PERCENT = re.compile(r"^[-+]?[\d,]*\.?\d+\s*%$")
_WITH_UNIT = re.compile(r"^([-+]?[\d,]*\.?\d+)\s*([a-z].*)$", re.IGNORECASE)
_MISSING = {
    "n/a",
    "na",
    "-",
    "--",
    "—",
    "–",
    "none",
    "null",
    "not reported",
    "unknown",
    "tbc",
    "tbd",
    "?",
    "nr",
}
_NAN = {"nan", "-nan", "+nan"}
_INF = {"inf", "-inf", "+inf", "infinity", "-infinity", "+infinity", "∞"}
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


@dataclass(frozen=True)
class Problem:
    table: str
    row: int | None
    column: str | None
    message: str

    def where(self, file: str | None = None, line: int | None = None) -> str:
        parts = [file or self.table]
        if line is not None:
            parts.append(f"line {line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


@dataclass
class Typed:
    """A validated frame: text cells converted to the schema's types."""

    frame: pd.DataFrame
    problems: list[Problem]


Message = str | Callable[[int], str]


def _problems(
    table: str, mask: pd.Series | np.ndarray, column: str | None, message: Message
) -> list[Problem]:
    """One Problem per True in `mask` (at most MAX_PROBLEMS_PER_RULE, then a count).
    A callable message gets the row's position; the Problem gets its index label."""
    values = mask.to_numpy(dtype=bool, na_value=False) if isinstance(mask, pd.Series) else np.asarray(mask)
    positions = np.flatnonzero(values)
    labels = mask.index if isinstance(mask, pd.Series) else None
    out = []
    for i in positions[:MAX_PROBLEMS_PER_RULE]:
        text = message(int(i)) if callable(message) else message
        row = int(labels[i]) if labels is not None else int(i)
        out.append(Problem(table, row, column, text))
    if len(positions) > MAX_PROBLEMS_PER_RULE:
        out.append(
            Problem(
                table,
                None,
                column,
                f"{len(positions) - MAX_PROBLEMS_PER_RULE} more rows have the same problem",
            )
        )
    return out


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _shown(text: object, limit: int = 40) -> str:
    s = str(text)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _arrow_text(series: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Trimmed text with null for empty cells. Chunks are kept as they come
    (combining them copies every byte of the column)."""
    arr = pa.array(series, from_pandas=True)
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.large_string())
    trimmed = pc.utf8_trim_whitespace(arr)
    return _null_where(trimmed, _np(pc.equal(trimmed, "")))


def _null_where(arr: pa.Array | pa.ChunkedArray, mask: np.ndarray) -> pa.Array | pa.ChunkedArray:
    """`arr` with nulls where `mask` is True (if_else costs 80 ms a column at 1M rows)."""
    if not mask.any():
        return arr
    if isinstance(arr, pa.ChunkedArray):
        chunks, start = [], 0
        for chunk in arr.chunks:
            chunks.append(_null_where(chunk, mask[start : start + len(chunk)]))
            start += len(chunk)
        return pa.chunked_array(chunks, type=arr.type)
    if arr.offset or arr.null_count:
        return pc.if_else(pa.array(mask), pa.scalar(None, arr.type), arr)
    validity = pa.array(~mask).buffers()[1]
    return pa.Array.from_buffers(arr.type, len(arr), [validity, *arr.buffers()[1:]])


# Bytes that may not appear in a text cell (tab, newline and return may).
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def _has_control_bytes(arr: pa.Array | pa.ChunkedArray) -> bool:
    # bytes.translate deleting every allowed byte is a C loop: ~5 ms for 30 MB.
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is not None and data.to_pybytes().translate(None, _OTHER_BYTES):
            return True
    return False


def _numbers(text: pa.Array, blank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Float values (NaN where empty or bad) and the mask of bad cells."""
    try:
        # Fast path: the whole column parses. Arrow also reads 'nan' and
        # 'inf'; 'nan' is refused here, infinities by the caller.
        values = pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)
        return values, np.isnan(values) & ~blank
    except pa.ArrowInvalid:
        ok = _np(pc.match_substring_regex(text, _NUMBER))
        bad = ~blank & ~ok
        castable = pc.if_else(pa.array(ok), text, pa.scalar(None, text.type))
        return pc.cast(castable, pa.float64()).to_numpy(zero_copy_only=False), bad


def _np(mask: pa.Array) -> np.ndarray:
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


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
    out: dict[str, pd.Series | np.ndarray] = {}
    index = raw.index

    def flag(mask: np.ndarray, column: str, message: Message) -> None:
        if mask.any():
            problems.extend(_problems(table, pd.Series(mask, index=index), column, message))

    for col in tables.column_specs()[table]:
        if col.name not in raw.columns:
            continue
        text = _arrow_text(raw[col.name])
        blank = _np(pc.is_null(text))

        def cell(i: int, t: pa.Array = text) -> str:
            return t[i].as_py()

        if col.required:
            flag(blank, col.name, f"{col.name} is empty: every row needs one")
        if col.type in ("DOUBLE", "INTEGER", "BIGINT"):
            values, bad = _numbers(text, blank)
            flag(bad, col.name, lambda i, c=col.name, t=cell: number_hint(table, c, t(i)))
            finite = np.isfinite(values) | np.isnan(values)
            flag(~finite, col.name, "infinite values are not allowed: give a finite number")
            values = np.where(finite, values, np.nan)
            huge = np.abs(np.nan_to_num(values)) > MAX_ABS_NUMBER
            flag(
                huge,
                col.name,
                lambda i, v=values: (
                    f"{_fmt(v[i])} is implausibly large (more than a million million): "
                    "check the units and the decimal point"
                ),
            )
            if col.type != "DOUBLE":
                whole = np.isnan(values) | (values == np.round(values))
                flag(~whole, col.name, f"{col.name} must be a whole number")
            out[col.name] = pd.Series(values, index=index)
        elif col.type == "DATE":
            iso = _np(pc.match_substring_regex(text, _ISO_DATE))
            stamps = pc.strptime(
                text if (iso | blank).all() else pc.if_else(pa.array(iso), text, pa.scalar(None, text.type)),
                format="%Y-%m-%d",
                unit="s",
                error_is_null=True,
            )
            # strptime rolls 2023-02-30 over to 2023-03-02: the day must survive.
            day_written = pc.cast(pc.utf8_slice_codeunits(text, 8, 10), pa.int64(), safe=False)
            parsed = _np(pc.and_(pc.is_valid(stamps), pc.equal(pc.day(stamps), day_written)))
            stamps = (
                pc.if_else(pa.array(parsed), stamps, pa.scalar(None, stamps.type))
                if ((~parsed & ~blank).any())
                else stamps
            )
            flag(~blank & ~parsed, col.name, lambda i, t=cell: date_hint(t(i)))
            dates = pd.Series(stamps.to_numpy(zero_copy_only=False), index=index).astype("datetime64[s]")
            early = (dates < pd.Timestamp(EARLIEST_DATE)).to_numpy(dtype=bool, na_value=False)
            latest = pd.Timestamp(today) + pd.DateOffset(years=YEARS_AHEAD)
            late = (dates > latest).to_numpy(dtype=bool, na_value=False)
            flag(early, col.name, lambda i, t=cell: f"{t(i)} is before 1900: check the year")
            flag(
                late,
                col.name,
                lambda i, t=cell: f"{t(i)} is more than {YEARS_AHEAD} years ahead: check the year",
            )
            out[col.name] = dates.dt.date.where(dates.notna(), None) if python_dates else dates
        elif col.type == "BOOLEAN":
            lowered = pc.utf8_lower(text)
            bad = ~blank & ~_np(pc.is_in(lowered, value_set=pa.array(["true", "false"])))
            flag(bad, col.name, "write true or false")
            out[col.name] = pd.Series(lowered.to_pandas(), index=index).map({"true": True, "false": False})
        else:
            allowed = tables.ALLOWED.get((table, col.name))
            if allowed:
                bad = ~blank & ~_np(pc.is_in(text, value_set=pa.array(allowed)))
                flag(bad, col.name, lambda i, t=cell, a=allowed: allowed_hint(t(i), a))
            # Cheap byte-level tests first; the per-row kernels run only on a hit.
            if len(text) and (pc.max(pc.binary_length(text)).as_py() or 0) > MAX_TEXT_LENGTH:
                long = _np(pc.greater(pc.utf8_length(text), MAX_TEXT_LENGTH))
                flag(
                    long,
                    col.name,
                    lambda i, t=cell: (
                        f"the cell is {len(t(i)):,} characters long; the limit is "
                        f"{MAX_TEXT_LENGTH:,}: shorten it"
                    ),
                )
            if _has_control_bytes(text):
                control = _np(pc.match_substring_regex(text, _CONTROL))
                flag(control, col.name, "the cell contains invisible control characters: retype it")
            series = text.to_pandas()
            series.index = index
            out[col.name] = series
    frame = pd.DataFrame(out, index=index)
    # A cell already reported (empty, not a number...) reads as empty to the
    # row rules; what they would say about its row follows from it, so wait.
    reported = {p.row for p in problems if p.row is not None} | set(reported_rows)
    problems += [p for p in _row_rules(table, frame, today) if p.row not in reported]
    return Typed(frame, problems)


# --- what to say about a cell that is not a number or a date --------------------


def number_hint(table: str, column: str, text: str) -> str:
    """Why `text` is not a number, and how to write it."""
    t = text.strip()
    low = t.lower()
    quoted = f"'{_shown(t)}'"
    if low in _NAN:
        return f"{quoted} is not a number: leave the cell empty when there is no figure"
    if low in _INF:
        return f"{quoted} is not a finite number: give the figure, or leave the cell empty"
    if low in _MISSING:
        if (table, column) in (("outputs", "actual"), ("funding_flows", "amount_gbp")):
            return f"{quoted} is not a number: leave {column} empty and set status to 'not reported'"
        return f"{quoted} is not a number: leave the cell empty when there is no figure"
    if _THOUSANDS.match(t):
        return f"{quoted} has a thousands separator: remove the comma and write {t.replace(',', '')}"
    match = _QUALIFIED.match(t)
    plus = _PLUS.match(t)
    if match or plus:
        word, number = (match.group(1), match.group(2)) if match else ("+", plus.group(1))
        qualifier = QUALIFIER_WORDS.get(word.lower(), "over")
        digits = re.sub(r"[£$€,\s]", "", number)
        target = QUALIFIER_COLUMN.get((table, column))
        if target:
            return (
                f"{quoted} mixes a word and a number: put {digits} in {column} and '{qualifier}' in {target}"
            )
        return f"{quoted} mixes a word and a number: write the number only ({digits}) in {column}"
    span = _RANGE.match(t)
    if span:
        low_n, high_n = span.group(1).replace(",", ""), span.group(2).replace(",", "")
        if table == "outputs" and column in ("target_low", "target_high"):
            return f"{quoted} is a range: put {low_n} in target_low and {high_n} in target_high"
        return f"{quoted} is a range, not one figure: write a single number in {column}"
    if _MONEY.match(t):
        return f"{quoted} is not a number: write the amount as digits only, e.g. 1500000 for £1.5m"
    if _PERCENT.match(t):
        unit = UNIT_COLUMN.get(table, "unit")
        return f"{quoted} is not a number: write {t.rstrip('%').strip()} and put 'percent' in {unit}"
    with_unit = _WITH_UNIT.match(t)
    if with_unit and not _NUMBER_LIKE.match(t):
        unit = UNIT_COLUMN.get(table)
        where = f" and '{with_unit.group(2)}' in {unit}" if unit else ""
        return f"{quoted} is not a number: write {with_unit.group(1).replace(',', '')} in {column}{where}"
    return f"{quoted} is not a number: write digits only (no commas, words or units), e.g. 1234.5"


_NUMBER_LIKE = re.compile(_NUMBER)


def date_hint(text: str) -> str:
    t = text.strip()
    quoted = f"'{_shown(t)}'"
    if re.match(_ISO_DATE, t):
        return f"{quoted} is not a real date: check the day and the month"
    dmy = _DMY.match(t)
    if dmy:
        day, month, year = (int(g) for g in dmy.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return f"{quoted} is not a real date: check it, and write it as YYYY-MM-DD"
        return f"{quoted} is not in the YYYY-MM-DD form: write {iso}"
    if re.match(r"^\d{5}(\.0+)?$", t):
        return f"{quoted} looks like an Excel date number: format the column as a date, written YYYY-MM-DD"
    return f"{quoted} is not a date: write it as YYYY-MM-DD, e.g. 2023-03-31"


def allowed_hint(text: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    options = ", ".join(allowed)
    word = QUALIFIER_WORDS.get(text.strip().lower())
    guess = word if word in allowed else suggest(text, allowed)
    did = f" did you mean '{guess}'?" if guess else ""
    return f"'{_shown(text)}' is not allowed:{did} {'Use' if guess else 'use'} one of {options}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def suggest(value: str, candidates: Iterable[str]) -> str | None:
    """The nearest candidate (case, spaces and hyphens forgiven), or None."""
    pool = list(candidates)
    if not pool or len(pool) > MAX_SUGGESTION_POOL:
        return None
    by_slug = {_slug(c): c for c in pool}
    key = _slug(value)
    if key in by_slug:
        return by_slug[key]
    close = difflib.get_close_matches(key, list(by_slug), n=1, cutoff=0.6)
    return by_slug[close[0]] if close else None


# --- rules across the columns of one row -----------------------------------------


def _row_rules(table: str, f: pd.DataFrame, today: dt.date) -> list[Problem]:
    rule = ROW_RULES.get(table)
    if rule is None or not set(tables.user_columns(table)) <= set(f.columns):
        return []  # a missing column is reported on its own; the rules need every one
    return rule(f, today)


def _is_future(dates: pd.Series, today: dt.date) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(dates):
        return (dates > pd.Timestamp(today)).fillna(False).astype(bool)
    return dates.map(lambda d: d is not None and not pd.isna(d) and d > today).astype(bool)


def _later(a: pd.Series, b: pd.Series) -> pd.Series:
    """a > b where both are given (dates as objects or datetime64, or numbers)."""
    both = a.notna() & b.notna()
    return both & (a.where(both) > b.where(both)).fillna(False).astype(bool)


def _outputs(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    t = "outputs"
    p: list[Problem] = []
    actual, status = f["actual"], f["status"]
    p += _problems(
        t,
        (status == "not reported") & actual.notna(),
        "actual",
        lambda i: (
            f"status is 'not reported' but actual is {_fmt(actual.iloc[i])}: "
            "leave actual empty when no figure was reported (not reported is never 0)"
        ),
    )
    p += _problems(
        t,
        (status == "reported") & actual.isna(),
        "actual",
        "status is 'reported' but actual is empty: give the figure, or set status to 'not reported'",
    )
    p += _problems(
        t,
        actual.notna() & f["qualifier"].isna(),
        "qualifier",
        "a figure needs a qualifier: exactly, over, at least, about, under or up to",
    )
    p += _problems(
        t,
        actual.isna() & f["qualifier"].notna(),
        "qualifier",
        "qualifier given without a figure: leave it empty when actual is empty",
    )
    low, high = f["target_low"], f["target_high"]
    p += _problems(
        t,
        low.isna() != high.isna(),
        "target_high",
        "give both target_low and target_high (for a single target, the same number in both)",
    )
    p += _problems(
        t,
        low.notna() & high.notna() & (low > high),
        "target_low",
        lambda i: f"target_low ({_fmt(low.iloc[i])}) is above target_high ({_fmt(high.iloc[i])}): swap them",
    )
    p += _problems(
        t,
        f["target_qualifier"].notna() & low.isna(),
        "target_qualifier",
        "target_qualifier given without a target",
    )
    period = f["period_end"]
    p += _problems(
        t,
        _is_future(period, today) & (f["kind"] == "achieved"),
        "period_end",
        lambda i: (
            f"an achieved result cannot end in the future ({_day(period.iloc[i])}): "
            "use kind 'expected' or correct the date"
        ),
    )
    return p


def _day(value: object) -> str:
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def _barrier_evidence(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    t = "barrier_evidence"
    p = _problems(
        t,
        f["value"].isna() != f["value_unit"].isna(),
        "value_unit",
        "value and value_unit go together: give both, or neither for a finding without a figure",
    )
    p += _problems(
        t,
        f["value"].notna() & f["denominator"].notna() & (f["value"] > f["denominator"]),
        "value",
        "value is larger than denominator (e.g. 6 of 13 places): check both",
    )
    p += _problems(
        t,
        f["value"].notna() & f["value_qualifier"].isna(),
        "value_qualifier",
        "a figure needs a qualifier: exactly, over, at least, about, under or up to",
    )
    return p


def _funding_flows(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    t = "funding_flows"
    p = _problems(
        t,
        (f["status"] == "not reported") & f["amount_gbp"].notna(),
        "amount_gbp",
        "status is 'not reported' but an amount is given: leave amount_gbp empty",
    )
    p += _problems(
        t,
        (f["status"] == "reported") & f["amount_gbp"].isna(),
        "amount_gbp",
        "status is 'reported' but amount_gbp is empty",
    )
    return p


def _departments(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    later = _later(f["valid_from"], f["valid_to"])
    return _problems("departments", later, "valid_to", "valid_to is before valid_from: swap them")


def _places(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    p = _problems(
        "places",
        f["lat"].notna() & ((f["lat"] < -90) | (f["lat"] > 90)),
        "lat",
        "latitude must lie between -90 and 90",
    )
    p += _problems(
        "places",
        f["lon"].notna() & ((f["lon"] < -180) | (f["lon"] > 180)),
        "lon",
        "longitude must lie between -180 and 180",
    )
    p += _problems(
        "places",
        f["parent_id"].notna() & (f["parent_id"] == f["place_id"]),
        "parent_id",
        "a place cannot be its own parent",
    )
    return p


def _pilots(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    start, end = f["start_date"], f["end_date"]
    return _problems(
        "pilots",
        _later(start, end),
        "end_date",
        lambda i: f"end_date {_day(end.iloc[i])} is before start_date {_day(start.iloc[i])}: swap them",
    )


def _programmes(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    p: list[Problem] = []
    for column in ("start_year", "end_year"):
        year = f[column]
        odd = year.notna() & ((year < EARLIEST_DATE.year) | (year > today.year + YEARS_AHEAD))
        p += _problems(
            "programmes",
            odd,
            column,
            lambda i, y=year: (
                f"{_fmt(y.iloc[i])} is not a plausible year: write it as four digits, e.g. 2021"
            ),
        )
    p += _problems(
        "programmes",
        _later(f["start_year"], f["end_year"]),
        "end_year",
        "end_year is before start_year: swap them",
    )
    return p


ROW_RULES = {
    "outputs": _outputs,
    "barrier_evidence": _barrier_evidence,
    "funding_flows": _funding_flows,
    "departments": _departments,
    "places": _places,
    "pilots": _pilots,
    "programmes": _programmes,
}


# --- keys ---------------------------------------------------------------------------


def _duplicated(f: pd.DataFrame, key: list[str]) -> pd.Series:
    if len(key) == 1:
        values = pa.array(f[key[0]], from_pandas=True)
        # Fast path: a million distinct ids need no per-row hashing in pandas.
        if len(pc.unique(values)) == len(values):
            return pd.Series(False, index=f.index)
    return f.duplicated(subset=key, keep="first")


def duplicate_keys(table: str, f: pd.DataFrame, name_rows: bool = False) -> list[Problem]:
    """Rows repeating an earlier row's key. With `name_rows`, the message
    names the earlier row by its index label (ingest: the spreadsheet row)."""
    key = list(tables.PRIMARY_KEYS[table])
    if not set(key) <= set(f.columns):
        return []
    dup = _duplicated(f, key)
    if not dup.any():
        return []
    first: dict[tuple, int] = {}
    if name_rows:
        keyed = f[key].itertuples(index=True, name=None)
        dup_keys = set(f.loc[dup, key].itertuples(index=False, name=None))
        for label, *values in keyed:
            if tuple(values) in dup_keys:
                first.setdefault(tuple(values), label)

    def message(i: int) -> str:
        values = tuple(f[k].iloc[i] for k in key)
        shown = ", ".join(str(v) for v in values)
        if name_rows and values in first:
            return f"{' + '.join(key)} '{shown}' is also on row {first[values]}: each row needs its own"
        return f"duplicate key {shown}: each row needs its own"

    return _problems(table, dup, key[0], message)


def existing_keys(table: str, f: pd.DataFrame, clashes: pd.DataFrame) -> list[Problem]:
    """Rows whose key is already in the database. `clashes` holds those keys
    and the batch_id that loaded them (null for curated rows)."""
    key = list(tables.PRIMARY_KEYS[table])
    if clashes.empty:
        return []
    batch_of = {tuple(r[:-1]): r[-1] for r in clashes[[*key, "batch_id"]].itertuples(index=False, name=None)}
    present = pd.Series(
        [tuple(v) in batch_of for v in f[key].itertuples(index=False, name=None)], index=f.index
    )

    def message(i: int) -> str:
        values = tuple(f[k].iloc[i] for k in key)
        batch = batch_of.get(values)
        shown = ", ".join(str(v) for v in values)
        named = f"{' + '.join(key)} '{shown}'"
        if isinstance(batch, str) and batch:
            return (
                f"{named} is already in the database (loaded in batch {batch}): "
                "give a new id, or undo that batch first"
            )
        return f"{named} is already in the database (in the curated data): give a new id"

    return _problems(table, present, key[0], message)


def foreign_keys(table: str, f: pd.DataFrame, known: Mapping[str, set[str]]) -> list[Problem]:
    """Every reference must name a key in `known` (parent table -> keys)."""
    p: list[Problem] = []
    for (child, column), (parent, _) in tables.FOREIGN_KEYS.items():
        if child != table or column not in f.columns:
            continue
        values = f[column]
        pool = known.get(parent, set())
        arr = pa.array(values, from_pandas=True)
        inside = pc.is_in(arr, value_set=pa.array(sorted(pool), type=pa.string()))
        bad = pd.Series(_np(pc.and_(pc.is_valid(arr), pc.invert(pc.fill_null(inside, False)))), index=f.index)
        noun = parent[:-1] if parent.endswith("s") else parent

        def message(i: int, v=values, par=parent, noun=noun, pool=pool) -> str:
            guess = suggest(str(v.iloc[i]), pool)
            did = f" (did you mean '{guess}'?)" if guess else ""
            return f"unknown {noun} '{_shown(v.iloc[i])}': it must already exist in {par}{did}"

        p += _problems(table, bad, column, message)
    return p


def header_problems(table: str, header: list[str]) -> list[Problem]:
    """Missing, unknown and misspelt column names (row 1 of the file)."""
    expected = tables.user_columns(table)
    present = set(header)
    missing = [c for c in expected if c not in present]
    problems: list[Problem] = []
    for name in header:
        if name in expected:
            continue
        if name in tables.SYSTEM_COLUMNS:
            problems.append(
                Problem(table, 1, name, f"{name} is filled in by the program: delete this column")
            )
            continue
        guess = suggest(name, missing)
        if guess:
            problems.append(
                Problem(table, 1, name, f"unknown column '{_shown(name)}': did you mean '{guess}'?")
            )
            missing.remove(guess)
        else:
            problems.append(
                Problem(
                    table, 1, name, f"unknown column '{_shown(name)}' for {table}: delete it or rename it"
                )
            )
    for name in missing:
        problems.append(
            Problem(table, 1, name, f"column {name} is missing: add it (see `fivebarriers template {table}`)")
        )
    return problems
