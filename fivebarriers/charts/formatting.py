"""Figures as people read them: qualifiers and ranges kept, "not reported"
written out, money and percentages in plain words. Every page, chart, export
and slide formats through here, so "over 550" never turns into a bare 550."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.words import (
    plural as plural,
)  # the one plural helper; re-exported for the callers that use it

NOT_REPORTED = "not reported"  # outputs.status, as stored
NO_FIGURE = words.NO_FIGURE_PUBLISHED  # what a reader sees for it

QUALIFIER_WORDS = {
    "exactly": "",
    "over": "over ",
    "at least": "at least ",
    "about": "about ",
    "under": "under ",
    "up to": "up to ",
}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float, unit: str | None = None) -> str:
    """6900 -> '6,900'; 108e6 GBP -> '£108 million'; 1.71e9 GBP -> '£1.71 billion'; 90 percent -> '90%'."""
    if unit == "GBP":
        for size, word in ((1e9, "billion"), (1e6, "million")):
            if abs(value) >= size:
                scaled = value / size
                text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
                return f"£{text} {word}"
        return f"£{value:,.0f}"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}%" if unit == "percent" else text


def qualified(value: Any, qualifier: str | None, unit: str | None = None) -> str:
    """'over 550', 'at least 60%', or 'no figure published' when there is no figure."""
    if _missing(value):
        return NO_FIGURE
    return QUALIFIER_WORDS.get(qualifier or "exactly", f"{qualifier} ") + number(float(value), unit)


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def with_unit(value: Any, qualifier: str | None, unit: str | None) -> str:
    """A context figure with its unit as a reader says it: '£9 billion', '29.6%',
    '12 weeks', and a rank as a place ('1st', never '1 rank': data audit N13)."""
    if _missing(value):
        return NO_FIGURE
    if unit == "rank" and float(value).is_integer():
        return QUALIFIER_WORDS.get(qualifier or "exactly", f"{qualifier} ") + ordinal(int(value))
    text = qualified(value, qualifier, unit)
    # number() writes pounds and percent itself; other units follow the figure.
    return text if unit in ("GBP", "percent", None, "") else f"{text} {unit}"


def target(low: Any, high: Any, qualifier: str | None = None, unit: str | None = None) -> str | None:
    """'100', '100–150', 'about 120,000'; None when there is no target."""
    if _missing(low) or _missing(high):
        return None
    prefix = QUALIFIER_WORDS.get(qualifier or "exactly", "")
    if float(low) == float(high):
        return prefix + number(float(low), unit)
    low_text, high_text = number(float(low), unit), number(float(high), unit)
    if unit == "percent":
        low_text = low_text.rstrip("%")
    return f"{prefix}{low_text}–{high_text}"


def _flag(row: Mapping[str, Any], column: str) -> bool:
    value = row.get(column)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def same_measure(row: Mapping[str, Any]) -> bool:
    """True only when the data says the goal counts the same thing as the
    result (outputs.goal_same_measure). Unknown is not the same: a goal for
    "100 of the most complex families" is no yardstick for "550 enquiries"."""
    return _flag(row, "goal_same_measure")


def source_compares(row: Mapping[str, Any]) -> bool:
    """True when the source itself compares the result with its goal
    (outputs.source_compares_goal): the comparison is drawn, said to be the
    report's, with its caveat beside it."""
    return _flag(row, "source_compares_goal")


def compared(row: Mapping[str, Any]) -> bool:
    """Whether a result is drawn against its goal: it has a goal and a figure,
    and the goal counts the same thing or the source compares them itself."""
    if _missing(row.get("target_low")) or _missing(row.get("actual")) or row.get("status") == NOT_REPORTED:
        return False
    return same_measure(row) or source_compares(row)


def judgement(row: Mapping[str, Any]) -> str | None:
    """'The report says this passed its original goal of 100', for a comparison the source makes."""
    words = row.get("source_judgement")
    if not source_compares(row) or _missing(words) or not str(words).strip():
        return None
    return f"The report says this {str(words).strip()}"


def caveat(row: Mapping[str, Any]) -> str | None:
    """The one plain line on why the source's comparison needs care."""
    words = row.get("goal_caveat")
    if not source_compares(row) or _missing(words) or not str(words).strip():
        return None
    return str(words).strip()


def ratio_to_goal(actual: Any, qualifier: str | None, low: Any, high: Any) -> float | None:
    """How many times the goal a result reached, when it beat a single goal.

    Only for figures that are at least what they say ('exactly', 'over',
    'at least'): 'about 550' or 'up to 550' cannot honestly be called 5.5×.
    Callers check same_measure first (goal_comparison does)."""
    if _missing(actual) or _missing(low) or _missing(high) or float(high) <= 0:
        return None
    if qualifier not in ("exactly", "over", "at least"):
        return None
    if float(actual) <= float(high):
        return None
    return float(actual) / float(high)


def ratio_text(ratio: float, qualifier: str | None = "exactly") -> str:
    """'5.5× the goal'; a floor stays a floor: 'over 5.5× the goal', 'at least 2×'."""
    prefix = QUALIFIER_WORDS.get(qualifier or "exactly", "")
    return prefix + f"{ratio:.1f}".rstrip("0").rstrip(".") + "× the goal"


def judgement_line(row: Mapping[str, Any]) -> str:
    """'The report says this passed its original goal of 100. That goal was
    for ...': the judgement and its caveat as one cell, or '' when the
    source makes no comparison."""
    said, care = judgement(row), caveat(row)
    if not said:
        return ""
    return f"{said}. {care}" if care else f"{said}."


def _goal_words(row: Mapping[str, Any]) -> str:
    unit = row.get("unit")
    unit_word = "" if unit in ("percent", "GBP", None) else f" {unit}"
    goal = target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    return f"{goal}{unit_word}"


def goal_comparison(row: Mapping[str, Any]) -> str | None:
    """The words that compare a reported result with its goal, or None.

    Same measure: 'over 5.5× the goal', 'fell short'. The
    source's own comparison: 'the report says this passed its original goal
    of 100'. A goal for something else, which the source does not compare,
    is named, never divided into: 'not compared: the goal of 100 people
    counted something else (the most complex ...)'."""
    low, high = row.get("target_low"), row.get("target_high")
    actual, qualifier = row.get("actual"), row.get("qualifier")
    if _missing(low) or _missing(high) or _missing(actual) or row.get("status") == NOT_REPORTED:
        return None
    if not same_measure(row):
        said = judgement(row)
        if said:
            return said[0].lower() + said[1:]
        goal_measure = row.get("goal_measure")
        if _missing(goal_measure) or not str(goal_measure).strip():
            return f"not compared: not known whether the goal of {_goal_words(row)} counts the same thing"
        return f"not compared: the goal of {_goal_words(row)} was for something else ({goal_measure})"
    ratio = ratio_to_goal(actual, qualifier, low, high)
    if ratio:
        return ratio_text(ratio, qualifier)
    if float(actual) < float(low) and qualifier in ("exactly", "under", "up to"):
        return "fell short"
    return None


def ratio_words(row: Mapping[str, Any]) -> str | None:
    """For a bar label with the goal drawn beside it (slides): the ratio
    ('over 5.5× the goal'), the report's own verdict where it compares a goal
    for something else, or that the goal counted something else; never the
    shortfall words, which the goal bar shows."""
    if _missing(row.get("target_low")) or _missing(row.get("actual")) or row.get("status") == NOT_REPORTED:
        return None
    if not same_measure(row):
        said = judgement(row)
        if said:
            return said[0].lower() + said[1:]
        if row.get("goal_same_measure") is None or _missing(row.get("goal_measure")):
            return "not known whether the goal counts the same thing"
        return "the goal counted something else"
    low, high = row.get("target_low"), row.get("target_high")
    ratio = ratio_to_goal(row.get("actual"), row.get("qualifier"), low, high)
    return ratio_text(ratio, row.get("qualifier")) if ratio else None


def result_sentence(row: Mapping[str, Any]) -> str:
    """One honest sentence for a result, used as chart labels and alt text.

    e.g. '67 homes against a goal of 100–150 (fell short)' when the goal
         counts the same thing; 'over 550 people against a goal of 100 (the
         report says this passed its original goal of 100)' when the source
         compares them itself; 'over 550 people; not compared: the goal of
         100 people was for something else (...)' when neither;
         'no figure published (goal: 50 referrals)'; 'at least 60% (forecast)'."""
    unit = row.get("unit")
    unit_word = "" if unit in ("percent", "GBP", None) else f" {unit}"
    goal = target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    expected = row.get("kind") == "expected"
    if row.get("status") == NOT_REPORTED or _missing(row.get("actual")):
        text = NO_FIGURE
        if goal:
            text += f" (goal: {goal}{unit_word})"
        return text + (" (forecast)" if expected else "")
    text = qualified(row["actual"], row.get("qualifier"), unit) + unit_word
    comparison = goal_comparison(row)
    if goal and compared(row):
        text += f" against a goal of {goal}"
    if comparison and comparison.startswith("not compared"):
        text += f"; {comparison}"  # it holds parentheses of its own
    elif comparison:
        text += f" ({comparison})"
    if expected:
        text += " (forecast)"
    return text


def result_type(row: Mapping[str, Any]) -> str:
    """'Result' or 'Forecast'; blank when no figure was published (a goal alone is neither)."""
    if row.get("status") == NOT_REPORTED or _missing(row.get("actual")):
        return ""
    return "Forecast" if row.get("kind") == "expected" else "Result"


def figure_published(row: Mapping[str, Any]) -> str:
    return "No" if row.get("status") == NOT_REPORTED or _missing(row.get("actual")) else "Yes"


def percent_text(row: Mapping[str, Any]) -> str:
    """The '% of goal' cell: a percentage only where the goal counts the same
    thing; for a reported figure otherwise, why there is none (never 'not
    reported' for a figure that was)."""
    if row.get("status") == NOT_REPORTED or _missing(row.get("actual")):
        return NO_FIGURE
    if _missing(row.get("target_low")):
        return "no goal"
    if not same_measure(row):
        if source_compares(row):
            return "none: the report compares them, but the goal counted something else"
        return "not compared: the goal counted something else"
    pct = percent_of_goal(row)
    return f"{pct:.0f}%" if pct is not None else "no goal"


def percent_of_goal(row: Mapping[str, Any]) -> float | None:
    """Where a goal chart draws the result: as a percentage of the (lower)
    goal. None when no comparison is drawn (compared() is False): a goal for
    something else is only drawn against when the source compares them itself."""
    if not compared(row):
        return None
    actual, low = row.get("actual"), row.get("target_low")
    if _missing(actual) or _missing(low) or float(low) <= 0:
        return None
    return 100.0 * float(actual) / float(low)
