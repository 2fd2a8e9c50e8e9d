"""Words for slides: numbers as words, plurals, evidence lines and the one
source line a slide carries ("Source: Document (section; section)")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from fivebarriers.charts import formatting

NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def plural(n: int, word: str, plural_form: str | None = None) -> str:
    """The word alone, agreeing with n (fivebarriers.words.plural writes the number too)."""
    return word if int(n) == 1 else (plural_form or f"{word}s")


def unit_word(unit: str | None) -> str:
    return "" if unit in (None, "percent", "GBP") else f" {unit}"


def sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_start(text: str) -> str:
    # "Savings expected…" -> "savings expected…", but keep acronyms ("DfE's").
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def measure_result(row: Mapping[str, Any]) -> str:
    """A result in one phrase: '4 follow-on initiatives Cornwall Council delivers
    with DWP' when the measure names what it counts (its unit), so the unit is
    not said twice ('…initiatives…: 4 initiatives'); otherwise 'measure: result'."""
    measure = lower_start(str(row["measure"]))
    unit = row.get("unit")
    published = row.get("status") != formatting.NOT_REPORTED and row.get("actual") is not None
    plain = published and row.get("target_low") is None and row.get("kind") != "expected"
    if plain and unit_word(unit) and re.search(rf"\b{re.escape(str(unit))}\b", measure, re.IGNORECASE):
        return f"{formatting.qualified(row['actual'], row.get('qualifier'), unit)} {measure}"
    return f"{measure}: {formatting.result_sentence(row)}"


def evidence_figure(row: Mapping[str, Any]) -> str | None:
    """'6 of 13 places', 'over 26 officials'; None for a finding without a figure."""
    if row.get("value") is None:
        return None
    text = formatting.qualified(row["value"], row.get("value_qualifier"), None)
    if row.get("denominator") is not None:
        text += " of " + formatting.number(float(row["denominator"]))
    return text + unit_word(row.get("value_unit"))


def evidence_line(row: Mapping[str, Any]) -> str:
    figure = evidence_figure(row)
    return f"{figure}: {row['finding']}" if figure else row["finding"]


def source_line(pairs: Iterable[tuple[str | None, str | None]]) -> str:
    """'Source: Document title (section; section)', documents in first-seen order."""
    grouped: dict[str, list[str]] = {}
    for title, locator in pairs:
        if not title:
            continue
        locs = grouped.setdefault(title, [])
        for part in str(locator or "").split("; "):
            if part and part not in locs:
                locs.append(part)
    docs = [f"{title} ({'; '.join(locs)})" if locs else title for title, locs in grouped.items()]
    return "Source: " + ". ".join(docs) if docs else "Source: not given"


def source_pairs(line: str) -> list[tuple[str, str]]:
    """Parse a source_line back into (title, locators) pairs, so lines can be merged."""
    body = line.removeprefix("Source: ")
    pairs = []
    for match in re.finditer(r"(.+?) \(([^()]*)\)(?:\. |$)", body):
        pairs.append((match.group(1), match.group(2)))
    return pairs
