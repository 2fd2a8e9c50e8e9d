"""Rules across the columns of one row (a figure needs a qualifier, a range
runs low to high, an achieved result cannot end in the future...), run on a
typed frame after every cell has been checked."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pandas as pd

from fivebarriers.data import tables, workshop_questions
from fivebarriers.data.problems import Problem, fmt, problems_where

EARLIEST_DATE = dt.date(1900, 1, 1)
YEARS_AHEAD = 30


def row_rules(table: str, f: pd.DataFrame, today: dt.date) -> list[Problem]:
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
    p += problems_where(
        t,
        (status == "not reported") & actual.notna(),
        "actual",
        lambda i: (
            f"status is 'not reported' but actual is {fmt(actual.iloc[i])}: "
            "leave actual empty when no figure was reported (not reported is never 0)"
        ),
    )
    p += problems_where(
        t,
        (status == "reported") & actual.isna(),
        "actual",
        "status is 'reported' but actual is empty: give the figure, or set status to 'not reported'",
    )
    p += problems_where(
        t,
        actual.notna() & f["qualifier"].isna(),
        "qualifier",
        "a figure needs a qualifier: exactly, over, at least, about, under or up to",
    )
    p += problems_where(
        t,
        actual.isna() & f["qualifier"].notna(),
        "qualifier",
        "qualifier given without a figure: leave it empty when actual is empty",
    )
    low, high = f["target_low"], f["target_high"]
    p += problems_where(
        t,
        low.isna() != high.isna(),
        "target_high",
        "give both target_low and target_high (for a single target, the same number in both)",
    )
    p += problems_where(
        t,
        low.notna() & high.notna() & (low > high),
        "target_low",
        lambda i: f"target_low ({fmt(low.iloc[i])}) is above target_high ({fmt(high.iloc[i])}): swap them",
    )
    p += problems_where(
        t,
        f["target_qualifier"].notna() & low.isna(),
        "target_qualifier",
        "target_qualifier given without a target",
    )
    period = f["period_end"]
    p += problems_where(
        t,
        _is_future(period, today) & (f["kind"] == "achieved"),
        "period_end",
        lambda i: (
            f"an achieved result cannot end in the future ({_day(period.iloc[i])}): "
            "use kind 'expected' or correct the date"
        ),
    )
    return p + _strength_and_comparison(f)


def _blank(column: pd.Series) -> pd.Series:
    return column.isna() | (column.astype("string").str.strip() == "").fillna(True).astype(bool)


def _strength_and_comparison(f: pd.DataFrame) -> list[Problem]:
    """What `check` refuses at load (queries/check_outputs.sql and
    check_goal_measures.sql), said at the file check so the Add data page and
    `ingest` name the cell before anything is written: every result says what
    stands behind its figure, and a comparison with the goal is drawn only
    when the source makes it, with the report's verdict and its caveat."""
    t = "outputs"
    strengths = ", ".join(tables.ALLOWED[(t, "evidence_strength")])
    p = problems_where(
        t,
        _blank(f["evidence_strength"]),
        "evidence_strength",
        f"evidence_strength is empty: say what stands behind the figure ({strengths})",
    )
    p += problems_where(
        t,
        _blank(f["evidence_basis"]),
        "evidence_basis",
        "evidence_basis is empty: quote or name the passage of the source that shows "
        "what stands behind the figure",
    )
    compares = f["source_compares_goal"].isin([True])
    p += problems_where(
        t,
        compares & f["target_low"].isna(),
        "source_compares_goal",
        "source_compares_goal is true but there is no goal: "
        "give target_low and target_high, or leave it empty",
    )
    for column, what in (
        ("source_judgement", 'what the report concludes (e.g. "passed its original goal of 100")'),
        ("goal_caveat", "in one plain line, why the comparison needs care"),
    ):
        p += problems_where(
            t,
            compares & _blank(f[column]),
            column,
            f"source_compares_goal is true: say in {column} {what}, "
            "or leave source_compares_goal empty if the source does not compare the result with its goal",
        )
    p += problems_where(
        t,
        ~compares & ~(_blank(f["source_judgement"]) & _blank(f["goal_caveat"])),
        "source_compares_goal",
        "source_judgement or goal_caveat is given but source_compares_goal is not true: "
        "set it to true only if the source itself compares the result with its goal",
    )
    return p


def _day(value: object) -> str:
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def _barrier_evidence(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    t = "barrier_evidence"
    p = problems_where(
        t,
        f["value"].isna() != f["value_unit"].isna(),
        "value_unit",
        "value and value_unit go together: give both, or neither for a finding without a figure",
    )
    p += problems_where(
        t,
        f["value"].notna() & f["denominator"].notna() & (f["value"] > f["denominator"]),
        "value",
        "value is larger than denominator (e.g. 6 of 13 places): check both",
    )
    p += problems_where(
        t,
        f["value"].notna() & f["value_qualifier"].isna(),
        "value_qualifier",
        "a figure needs a qualifier: exactly, over, at least, about, under or up to",
    )
    return p


def _funding_flows(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    t = "funding_flows"
    p = problems_where(
        t,
        (f["status"] == "not reported") & f["amount_gbp"].notna(),
        "amount_gbp",
        "status is 'not reported' but an amount is given: leave amount_gbp empty",
    )
    p += problems_where(
        t,
        (f["status"] == "reported") & f["amount_gbp"].isna(),
        "amount_gbp",
        "status is 'reported' but amount_gbp is empty",
    )
    return p


def _departments(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    later = _later(f["valid_from"], f["valid_to"])
    return problems_where("departments", later, "valid_to", "valid_to is before valid_from: swap them")


def _places(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    p = problems_where(
        "places",
        f["lat"].notna() & ((f["lat"] < -90) | (f["lat"] > 90)),
        "lat",
        "latitude must lie between -90 and 90",
    )
    p += problems_where(
        "places",
        f["lon"].notna() & ((f["lon"] < -180) | (f["lon"] > 180)),
        "lon",
        "longitude must lie between -180 and 180",
    )
    p += problems_where(
        "places",
        f["parent_id"].notna() & (f["parent_id"] == f["place_id"]),
        "parent_id",
        "a place cannot be its own parent",
    )
    return p


def _pilots(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    start, end = f["start_date"], f["end_date"]
    return problems_where(
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
        p += problems_where(
            "programmes",
            odd,
            column,
            lambda i, y=year: f"{fmt(y.iloc[i])} is not a plausible year: write it as four digits, e.g. 2021",
        )
    p += problems_where(
        "programmes",
        _later(f["start_year"], f["end_year"]),
        "end_year",
        "end_year is before start_year: swap them",
    )
    return p


def is_web_address(url: object) -> bool:
    """An http(s) address with a host and no spaces: the only kind a page may
    link to (javascript:, data:, ftp: and file: addresses are refused)."""
    text = str(url)
    if any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed [ in the host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _sources(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    t = "sources"
    url = f["url"]
    p = problems_where(
        t,
        url.notna() & ~url.map(lambda u: pd.isna(u) or is_web_address(u)).astype(bool),
        "url",
        "the address must start with https:// or http:// and name a website "
        "(leave it empty when the document is not public)",
    )
    p += problems_where(
        t,
        _is_future(f["published_date"], today),
        "published_date",
        lambda i: f"published_date {_day(f['published_date'].iloc[i])} is in the future: check the date",
    )
    return p


def load_rules(table: str, f: pd.DataFrame) -> list[Problem]:
    """What an analyst's load must give beyond the curated data's rules: a
    new document names its publisher and its licence (the curated data has
    a few documents whose publisher is not known), and leaves seed_file to
    the team that builds the data (a seed text is a file they add)."""
    if table != "sources" or not {"publisher", "licence", "seed_file"} <= set(f.columns):
        return []
    p: list[Problem] = []
    for column, what in (
        ("publisher", "the organisation that published the document"),
        ("licence", "the terms under which it may be used, e.g. Open Government Licence v3.0"),
    ):
        p += problems_where(table, f[column].isna(), column, f"{column} is empty: give {what}")
    p += problems_where(
        table,
        f["seed_file"].notna(),
        "seed_file",
        "leave seed_file empty: seed texts are added by the team that builds the data",
    )
    return p


def _source_sections(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    # A locator names several sections joined by ';' (check_locators.sql splits it there).
    return problems_where(
        "source_sections",
        f["section"].notna() & f["section"].str.contains(";", regex=False).fillna(False).astype(bool),
        "section",
        "a section heading cannot contain ';' (a locator uses it to name several sections): "
        "use a comma or a dash",
    )


def _workshop_answers(f: pd.DataFrame, today: dt.date) -> list[Problem]:
    """A count is of a known question's known option, 0 or more, and an
    option that is a barrier names that barrier (the Workshops page shows
    the answers by barrier)."""
    t = "workshop_answers"
    known = workshop_questions.KNOWN_QUESTIONS
    question, option, barrier = f["question_id"], f["option"], f["barrier_id"]
    p = problems_where(
        t,
        question.notna() & ~question.isin(list(known)),
        "question_id",
        lambda i: f"no question '{question.iloc[i]}': use one of {', '.join(known)}",
    )

    def asked(i: int) -> workshop_questions.KnownQuestion | None:
        return known.get(question.iloc[i])

    rows = range(len(f))
    unknown = [
        asked(i) is not None and not pd.isna(option.iloc[i]) and option.iloc[i] not in asked(i).options
        for i in rows
    ]
    p += problems_where(
        t,
        pd.Series(unknown, index=f.index, dtype=bool),
        "option",
        lambda i: (
            f"'{option.iloc[i]}' is not an option of {question.iloc[i]}: "
            f"use one of {', '.join(asked(i).options)}"
        ),
    )
    expected = [asked(i).barrier_of(option.iloc[i]) if asked(i) else None for i in rows]
    given = [None if pd.isna(b) else b for b in barrier]
    wrong = [
        asked(i) is not None and option.iloc[i] in asked(i).options and given[i] != expected[i] for i in rows
    ]
    p += problems_where(
        t,
        pd.Series(wrong, index=f.index, dtype=bool),
        "barrier_id",
        lambda i: (
            f"barrier_id should be '{expected[i]}' for the option {option.iloc[i]}"
            if expected[i]
            else f"leave barrier_id empty: the option {option.iloc[i]} is not a barrier"
        ),
    )
    p += problems_where(
        t,
        f["answers"].notna() & (f["answers"] < 0),
        "answers",
        lambda i: f"answers is {fmt(f['answers'].iloc[i])}: a count of people is 0 or more",
    )
    return p


ROW_RULES = {
    "workshop_answers": _workshop_answers,
    "sources": _sources,
    "source_sections": _source_sections,
    "outputs": _outputs,
    "barrier_evidence": _barrier_evidence,
    "funding_flows": _funding_flows,
    "departments": _departments,
    "places": _places,
    "pilots": _pilots,
    "programmes": _programmes,
}
