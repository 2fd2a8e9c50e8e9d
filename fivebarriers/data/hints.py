"""What to say about a cell that is not what its column needs: a number
written with a word or a unit, a range, a missing-figure word, a value that
is not one of the allowed words, an id with a typo."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from fivebarriers.data.problems import shown

# Suggestions are looked up in at most this many keys (difflib is O(n) each).
MAX_SUGGESTION_POOL = 50_000

NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"
_NUMBER_LIKE = re.compile(NUMBER)

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
# A figure column whose row says, in a status column, whether it was reported.
STATUS_COLUMN = {("outputs", "actual"): "status", ("funding_flows", "amount_gbp"): "status"}

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
_WITH_UNIT = re.compile(r"^([-+]?\d[\d,]*\.?\d*)\s*([a-z].*)$", re.IGNORECASE)
_HEX = re.compile(r"^0x[0-9a-f]+$", re.IGNORECASE)

# Words that say "there is no figure (yet)". Read as an empty cell where an
# empty cell is honest (see validate.convert); otherwise explained.
NO_FIGURE_WORDS = frozenset(
    {"n/a", "na", "none", "null", "not reported", "unknown", "tbc", "tbd", "?", "nr", "not known"}
)
# A dash is what a spreadsheet's accounting format shows for zero: it may be
# a 0, or a missing figure. It is never read as either without asking.
DASHES = frozenset({"-", "--", "—", "–"})
NAN_WORDS = frozenset({"nan", "-nan", "+nan"})
INF_WORDS = frozenset({"inf", "-inf", "+inf", "infinity", "-infinity", "+infinity", "∞"})


def number_hint(table: str, column: str, text: str) -> str:
    """Why `text` is not a number, and how to write it."""
    t = text.strip()
    low = t.lower()
    quoted = f"'{shown(t)}'"
    if low in NAN_WORDS:
        return f"{quoted} is not a number: leave the cell empty when there is no figure"
    if low in INF_WORDS:
        return f"{quoted} is not a finite number: give the figure, or leave the cell empty"
    if low in DASHES:
        return dash_hint(table, column, quoted)
    if low in NO_FIGURE_WORDS:
        return no_figure_hint(table, column, quoted)
    if _THOUSANDS.match(t):
        return f"{quoted} has a thousands separator: remove the comma and write {t.replace(',', '')}"
    if _HEX.match(t):
        return f"{quoted} is not a decimal number: write the figure in ordinary digits, e.g. 16"
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
        where = f" and '{shown(with_unit.group(2))}' in {unit}" if unit else ""
        return f"{quoted} is not a number: write {with_unit.group(1).replace(',', '')} in {column}{where}"
    return f"{quoted} is not a number: write digits only (no commas, words or units), e.g. 1234.5"


def no_figure_hint(table: str, column: str, quoted: str, required: bool = False) -> str:
    """A no-figure word where an empty cell would not be honest."""
    status = STATUS_COLUMN.get((table, column))
    if status:
        return (
            f"{quoted} means there is no figure, but {status} is not 'not reported': give the figure, "
            f"or leave {column} empty and set {status} to 'not reported'"
        )
    if required:
        return f"{quoted} means there is no figure, but every row needs {column}: give the figure"
    return f"{quoted} is not a number: leave the cell empty when there is no figure"


def dash_hint(table: str, column: str, quoted: str) -> str:
    status = STATUS_COLUMN.get((table, column))
    missing = f"leave it empty and set {status} to 'not reported'" if status else "leave it empty"
    return (
        f"{quoted} could be a zero (as accounting formats show it) or a missing figure: "
        f"write 0 if it is zero, or {missing} if there is no figure"
    )


def allowed_hint(text: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    options = ", ".join(allowed)
    word = QUALIFIER_WORDS.get(text.strip().lower())
    guess = word if word in allowed else suggest(text, allowed)
    did = f" did you mean '{guess}'?" if guess else ""
    return f"'{shown(text)}' is not allowed:{did} {'Use' if guess else 'use'} one of {options}"


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
