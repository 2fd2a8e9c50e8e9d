"""Figures as people read them: qualifiers and ranges kept, "not reported"
written out, money and percentages in plain words. Every page, chart, export
and slide formats through here, so "over 550" never turns into a bare 550."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

NOT_REPORTED = "not reported"

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


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 recommendation', '2 recommendations', '1,204 results'; irregular plurals passed in."""
    word = singular if int(count) == 1 else (plural_form or singular + "s")
    return f"{int(count):,} {word}"


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
    """'over 550', 'at least 60%', or 'not reported' when there is no figure."""
    if _missing(value):
        return NOT_REPORTED
    return QUALIFIER_WORDS.get(qualifier or "exactly", f"{qualifier} ") + number(float(value), unit)


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


def same_measure(row: Mapping[str, Any]) -> bool:
    """True only when the data says the goal counts the same thing as the
    result (outputs.goal_same_measure). Unknown is not the same: a goal for
    "100 of the most complex families" is no yardstick for "550 enquiries"."""
    value = row.get("goal_same_measure")
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


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


def goal_comparison(row: Mapping[str, Any]) -> str | None:
    """The words that compare a reported result with its goal, or None.

    Same measure: 'over 5.5× the goal', 'short of the goal', 'below the
    range'. A goal for something else is named, never divided into:
    'goal of 100 people set for a different measure: the most complex ...'."""
    low, high = row.get("target_low"), row.get("target_high")
    actual, qualifier, unit = row.get("actual"), row.get("qualifier"), row.get("unit")
    if _missing(low) or _missing(high) or _missing(actual) or row.get("status") == NOT_REPORTED:
        return None
    if not same_measure(row):
        unit_word = "" if unit in ("percent", "GBP", None) else f" {unit}"
        goal = target(low, high, row.get("target_qualifier"), unit)
        label = "goal of" if float(low) == float(high) else "intended"
        goal_measure = row.get("goal_measure")
        if _missing(goal_measure) or not str(goal_measure).strip():
            return f"{label} {goal}{unit_word}; whether it counts the same thing is not recorded"
        return f"{label} {goal}{unit_word} set for a different measure: {goal_measure}"
    ratio = ratio_to_goal(actual, qualifier, low, high)
    if ratio:
        return ratio_text(ratio, qualifier)
    if float(actual) < float(low) and qualifier in ("exactly", "under", "up to"):
        return "short of the goal" if float(low) == float(high) else "below the range"
    return None


def ratio_words(row: Mapping[str, Any]) -> str | None:
    """For a bar label with the goal drawn beside it (slides): the ratio
    ('over 5.5× the goal'), or a short word that the goal counted something
    else; never the shortfall words, which the goal bar shows."""
    if _missing(row.get("target_low")) or _missing(row.get("actual")) or row.get("status") == NOT_REPORTED:
        return None
    if not same_measure(row):
        if row.get("goal_same_measure") is None or _missing(row.get("goal_measure")):
            return "goal's measure not recorded"
        return "goal was for another measure"
    words = goal_comparison(row)
    return None if words in ("short of the goal", "below the range") else words


def result_sentence(row: Mapping[str, Any]) -> str:
    """One honest sentence for an output, used as chart labels and alt text.

    e.g. 'over 550 people against a goal of 100 (over 5.5× the goal)' when the
         goal counts the same thing, 'over 550 people (goal of 100 people set
         for a different measure: ...)' when it does not,
         '67 homes against an intended 100–150 (below the range)',
         'not reported (aim: 50 referrals)',
         'at least 60% (expected)'."""
    unit = row.get("unit")
    unit_word = "" if unit in ("percent", "GBP", None) else f" {unit}"
    goal = target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    expected = row.get("kind") == "expected"
    if row.get("status") == NOT_REPORTED or _missing(row.get("actual")):
        text = NOT_REPORTED
        if goal:
            text += f" (aim: {goal}{unit_word})"
        return text + (" (expected)" if expected else "")
    text = qualified(row["actual"], row.get("qualifier"), unit) + unit_word
    comparison = goal_comparison(row)
    if goal and same_measure(row):
        noun = "an intended" if float(row["target_low"]) != float(row["target_high"]) else "a goal of"
        text += f" against {noun} {goal}"
    if comparison:
        text += f" ({comparison})"
    if expected:
        text += " (expected)"
    return text


def percent_of_goal(row: Mapping[str, Any]) -> float | None:
    """Actual as a percentage of the (lower) goal, for comparing each pilot with
    its own target; None when the goal counted something else (no bar drawn)."""
    if not same_measure(row):
        return None
    actual, low = row.get("actual"), row.get("target_low")
    if _missing(actual) or _missing(low) or float(low) <= 0:
        return None
    return 100.0 * float(actual) / float(low)
