"""Dates as people type them (issue 16, item 3): each form is read as the
day it means (a period as its last day, or its first in a start column), or
refused with what to write."""

from __future__ import annotations

import datetime as dt

import pytest

from fivebarriers.data.dates import read_date

D = dt.date
READ = [
    ("2024-03-31", False, D(2024, 3, 31)),
    ("31/03/2024", False, D(2024, 3, 31)),
    ("1/4/2024", False, D(2024, 4, 1)),
    ("31.03.2024", False, D(2024, 3, 31)),
    ("31 March 2024", False, D(2024, 3, 31)),
    ("31st Mar 2024", False, D(2024, 3, 31)),
    ("March 31, 2024", False, D(2024, 3, 31)),
    ("Mar 2024", False, D(2024, 3, 31)),
    ("Mar 2024", True, D(2024, 3, 1)),
    ("February 2024", False, D(2024, 2, 29)),
    ("2024", False, D(2024, 12, 31)),
    ("2024", True, D(2024, 1, 1)),
    ("Q1 2024", False, D(2024, 3, 31)),
    ("q4-2023", False, D(2023, 12, 31)),
    ("2024 Q2", True, D(2024, 4, 1)),
    ("2023-24", False, D(2024, 3, 31)),
    ("FY 2023/24", True, D(2023, 4, 1)),
    ("2024-03", False, D(2024, 3, 31)),
    ("20240331", False, D(2024, 3, 31)),
    ("45382", False, D(2024, 3, 31)),
    ("2024-03-31 00:00:00", False, D(2024, 3, 31)),
    ("2024-03-31T09:30", False, D(2024, 3, 31)),
]


@pytest.mark.parametrize(("text", "start", "expected"), READ)
def test_forms_people_type_are_read(text: str, start: bool, expected: dt.date):
    reading = read_date(text, start=start)
    assert (reading.date, reading.problem) == (expected, "")
    if text != "2024-03-31":
        assert reading.how, "a date read from another form is reported in the notes"


REFUSED = [
    ("03/31/2024", "if you mean 31 March 2024, write 2024-03-31"),
    ("31/03/24", "has a two-digit year: write the year in full, e.g. 2024-03-31"),
    ("Mar-24", "has a two-digit year: write the year in full, e.g. 2024-03-31"),
    ("2011-12", "could be a month (December 2011) or the financial year 2011-12"),
    ("2023-02-30", "is not a real date: check the day and the month"),
    ("30 February 2024", "is not a real date"),
    ("Q5 2024", "is not a date: write it as YYYY-MM-DD"),
    ("soon", "is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31 (also understood:"),
    ("123", "is a number, not a date"),
]


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_ambiguous_or_impossible_dates_say_what_to_write(text: str, fragment: str):
    reading = read_date(text)
    assert reading.date is None and fragment in reading.problem


@pytest.mark.parametrize("text", ["TBC", "n/a", "-", "unknown"])
def test_no_date_words_are_empty_unless_the_column_needs_a_date(text: str):
    optional = read_date(text)
    assert optional.date is None and not optional.problem and "as no date" in optional.how
    required = read_date(text, required=True)
    assert "every row needs one" in required.problem
