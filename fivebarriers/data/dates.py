"""Dates as people type them into spreadsheets.

The database stores a day (YYYY-MM-DD). Besides that form this reads
31/03/2024 (day first, as in the UK), 31 March 2024, March 31 2024, Mar 2024,
2024, Q1 2024, the financial year 2023-24, 20240331, a date with a time, and
an Excel date number (45382). A period (a month, a quarter, a year) is read
as its last day, or as its first day in a column that starts something
(start_date, valid_from). Anything else, or anything ambiguous (03/31/2024,
31/03/24, 2011-12), is refused with the form to write instead."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from fivebarriers.data.hints import DASHES, NO_FIGURE_WORDS
from fivebarriers.data.problems import shown

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap-year bug)
FORMS = "31/03/2024, 31 March 2024, Mar 2024, Q1 2024 or 2024"

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ISO_TIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_D_MONTH_Y = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+({_MONTH})\.?,?[\s\-]+(\d{{2}}|\d{{4}})$")
_MONTH_D_Y = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$")
_MONTH_Y = re.compile(rf"^({_MONTH})\.?[\s\-/]+(\d{{2}}|\d{{4}})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(?:q([1-4])[\s\-/]*(\d{4})|(\d{4})[\s\-/]*q([1-4]))$")
_FINANCIAL = re.compile(r"^(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")


@dataclass(frozen=True)
class Reading:
    """How one cell was read: a date (and how, when not plain ISO), or empty,
    or a problem that says what to write."""

    date: dt.date | None = None
    how: str = ""
    problem: str = ""


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _period(first: dt.date, last: dt.date, start: bool) -> dt.date:
    return first if start else last


def _month(year: int, month: int, start: bool) -> dt.date:
    return _period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), start)


def _edge(start: bool) -> str:
    return "first day" if start else "last day"


def read_date(text: str, start: bool = False, required: bool = False) -> Reading:
    """One cell. `start`: a period means its first day (else its last)."""
    t = re.sub(r"\s+", " ", text.strip())
    low = t.lower()
    quoted = f"'{shown(t)}'"
    if not t:
        return Reading()
    if low in NO_FIGURE_WORDS or low in DASHES:
        if required:
            return Reading(problem=f"{quoted} is not a date, and every row needs one: write it as YYYY-MM-DD")
        return Reading(how=f"{quoted} as no date (empty)")
    if len(t) > 40:
        return Reading(problem=f"{quoted} is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31")
    try:
        return _read(t, low, quoted, start)
    except (ValueError, OverflowError):  # a year beyond 9999 and the like
        return Reading(problem=f"{quoted} is not a real date: check it, and write it as YYYY-MM-DD")


def _read(t: str, low: str, quoted: str, start: bool) -> Reading:
    if m := _ISO_TIME.match(t):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        date = _day(year, month, day)
        if date is None:
            return Reading(problem=f"{quoted} is not a real date: check the day and the month")
        if m[4] is None and len(m[2]) == 2 and len(m[3]) == 2:
            return Reading(date)
        return Reading(date, f"{quoted} as {date.isoformat()}")
    if m := _YMD_SLASH.match(t):
        date = _day(int(m[1]), int(m[2]), int(m[3]))
        if date is None:
            return Reading(problem=f"{quoted} is not a real date: check it, and write it as YYYY-MM-DD")
        return Reading(date, f"{quoted} as {date.isoformat()}")
    if m := _DMY.match(t):
        return _day_month_year(quoted, int(m[1]), int(m[2]), m[3])
    if m := _D_MONTH_Y.match(low):
        return _named(quoted, int(m[1]), _MONTHS[m[2]], m[3])
    if m := _MONTH_D_Y.match(low):
        return _named(quoted, int(m[2]), _MONTHS[m[1]], m[3])
    if m := _MONTH_Y.match(low):
        if len(m[2]) == 2:
            return Reading(problem=_two_digit_year(quoted, _month(2000 + int(m[2]), _MONTHS[m[1]], start)))
        date = _month(int(m[2]), _MONTHS[m[1]], start)
        return Reading(date, f"{quoted} as {date.isoformat()} ({_edge(start)} of the month)")
    if m := _QUARTER.match(low):
        quarter, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        first = dt.date(year, 3 * quarter - 2, 1)
        date = _period(first, _month(year, 3 * quarter, False), start)
        return Reading(date, f"{quoted} as {date.isoformat()} ({_edge(start)} of the calendar quarter)")
    if m := _FINANCIAL.match(low):
        found = _financial(quoted, int(m[1]), m[2], start)
        if found is not None:
            return found
    if m := _YEAR_MONTH.match(t):
        month = int(m[2])
        if 1 <= month <= 12:
            date = _month(int(m[1]), month, start)
            return Reading(date, f"{quoted} as {date.isoformat()} ({_edge(start)} of the month)")
    if m := _YEAR.match(t):
        year = int(m[1])
        date = _period(dt.date(year, 1, 1), dt.date(year, 12, 31), start)
        return Reading(date, f"{quoted} as {date.isoformat()} ({_edge(start)} of the calendar year)")
    if m := _COMPACT.match(t):
        date = _day(int(m[1]), int(m[2]), int(m[3]))
        if date is not None:
            return Reading(date, f"{quoted} as {date.isoformat()}")
    if m := _SERIAL.match(t):
        date = EXCEL_EPOCH + dt.timedelta(days=int(m[1]))
        return Reading(date, f"{quoted} (an Excel date number) as {date.isoformat()}")
    return Reading(problem=date_hint(t))


def _day_month_year(quoted: str, day: int, month: int, year_text: str) -> Reading:
    year = int(year_text)
    if len(year_text) == 2:
        date = _day(2000 + year, month, day)
        if date is None:
            return Reading(problem=f"{quoted} is not a real date: write it as YYYY-MM-DD, e.g. 2024-03-31")
        return Reading(problem=_two_digit_year(quoted, date))
    date = _day(year, month, day)
    if date is not None:
        return Reading(date, f"{quoted} as {date.isoformat()} (day first)")
    swapped = _day(year, day, month)
    if swapped is not None:
        return Reading(
            problem=f"{quoted} is not a date when the day comes first (as in the UK): if you mean "
            f"{swapped:%d %B %Y}, write {swapped.isoformat()}"
        )
    return Reading(problem=f"{quoted} is not a real date: check it, and write it as YYYY-MM-DD")


def _named(quoted: str, day: int, month: int, year_text: str) -> Reading:
    if len(year_text) == 2:
        date = _day(2000 + int(year_text), month, day)
        if date is None:
            return Reading(problem=f"{quoted} is not a real date: check the day and the month")
        return Reading(problem=_two_digit_year(quoted, date))
    date = _day(int(year_text), month, day)
    if date is None:
        return Reading(problem=f"{quoted} is not a real date: check the day and the month")
    return Reading(date, f"{quoted} as {date.isoformat()}")


def _financial(quoted: str, first: int, second_text: str, start: bool) -> Reading | None:
    """'2023-24' or '2023/2024': the UK financial year, 1 April to 31 March."""
    second = int(second_text)
    follows = second == first + 1 if len(second_text) == 4 else second == (first + 1) % 100
    if not follows:
        return None
    if len(second_text) == 2 and 1 <= second <= 12:
        december = _month(first, second, False)
        return Reading(
            problem=f"{quoted} could be a month ({december:%B %Y}) or the financial year "
            f"{first}-{second_text}: write {december.isoformat()} or {first + 1}-03-31"
        )
    date = dt.date(first, 4, 1) if start else dt.date(first + 1, 3, 31)
    return Reading(date, f"{quoted} as {date.isoformat()} ({_edge(start)} of the financial year)")


def _two_digit_year(quoted: str, guess: dt.date) -> str:
    return f"{quoted} has a two-digit year: write the year in full, e.g. {guess.isoformat()}"


def date_hint(text: str) -> str:
    """What to write instead of a cell that is no date at all."""
    t = text.strip()
    quoted = f"'{shown(t)}'"
    if re.match(ISO_DATE, t):
        return f"{quoted} is not a real date: check the day and the month"
    if re.match(r"^\d+(\.\d+)?$", t):
        return (
            f"{quoted} is a number, not a date: format the column as a date, or write it as "
            "YYYY-MM-DD, e.g. 2024-03-31"
        )
    return f"{quoted} is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31 (also understood: {FORMS})"


def starts_a_period(column: str) -> bool:
    """start_date, valid_from: a month or a year written there means its first day."""
    return "start" in column or column.endswith("_from")
