"""Figures as people read them: qualifiers and ranges kept, "not reported"
written out, money and percentages in plain words. Every page, chart, export
and slide formats through here, so "over 550" never turns into a bare 550."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

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


def ratio_to_goal(actual: Any, qualifier: str | None, low: Any, high: Any) -> float | None:
    """How many times the goal a result reached, when it beat a single goal.

    Only for figures that are at least what they say ('exactly', 'over',
    'at least'): 'about 550' or 'up to 550' cannot honestly be called 5.5×."""
    if _missing(actual) or _missing(low) or _missing(high) or float(high) <= 0:
        return None
    if qualifier not in ("exactly", "over", "at least"):
        return None
    if float(actual) <= float(high):
        return None
    return float(actual) / float(high)


def ratio_text(ratio: float) -> str:
    return f"{ratio:.1f}".rstrip("0").rstrip(".") + "× the goal"


def result_sentence(row: Mapping[str, Any]) -> str:
    """One honest sentence for an output, used as chart labels and alt text.

    e.g. 'over 550 people against a goal of 100 (5.5× the goal)',
         '67 homes against an intended 100–150',
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
    if goal:
        low, high = row.get("target_low"), row.get("target_high")
        noun = "an intended" if float(low) != float(high) else "a goal of"
        text += f" against {noun} {goal}"
        ratio = ratio_to_goal(row["actual"], row.get("qualifier"), low, high)
        if ratio:
            text += f" ({ratio_text(ratio)})"
        elif float(row["actual"]) < float(low) and row.get("qualifier") in ("exactly", "under", "up to"):
            text += " (short of the goal)" if float(low) == float(high) else " (below the range)"
    if expected:
        text += " (expected)"
    return text


def percent_of_goal(row: Mapping[str, Any]) -> float | None:
    """Actual as a percentage of the (lower) goal, for comparing each pilot with its own target."""
    actual, low = row.get("actual"), row.get("target_low")
    if _missing(actual) or _missing(low) or float(low) <= 0:
        return None
    return 100.0 * float(actual) / float(low)
