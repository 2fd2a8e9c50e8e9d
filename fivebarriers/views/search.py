"""Search results: hits grouped by kind, each a link to its page with the
words that matched marked, and an empty state that says what to try.
The ranking is queries/search_hits.sql; this module only arranges and words it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fivebarriers.views import links
from fivebarriers.views.ui import escape_md

PER_KIND = 5
PER_KIND_ALL = 50
MAX_QUERY = 200  # characters; longer text is cut, and the page says so

KINDS: dict[str, str] = {
    "pilot": "Pilots",
    "place": "Places",
    "department": "Departments",
    "programme": "Programmes",
    "result": "Results",
    "barrier": "Barriers",
    "finding": "Barrier findings",
    "recommendation": "Recommendations",
    "source": "Sources",
}
# A result opens its pilot; a finding or recommendation opens its barrier.
LINKS_TO = {
    "pilot": "pilot",
    "place": "place",
    "department": "department",
    "programme": "programme",
    "result": "pilot",
    "barrier": "barrier",
    "finding": "barrier",
    "recommendation": "barrier",
    "source": "source",
}
EXAMPLES = ("good help", "Croxteth", "DLUHC", "east sus", "data sharing", "homes")
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+")


@dataclass(frozen=True)
class Hit:
    kind: str
    entity_id: str
    label: str  # Markdown, escaped, matching words in bold
    detail: str  # the same
    page: str  # pages/*.py
    params: dict[str, str]


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    total: int
    hits: list[Hit]


def clean_query(raw: str | None) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY]


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def mark(text: Any, words: Iterable[str]) -> str:
    """`text` as escaped Markdown with every word the search matched in bold.
    The whole text is escaped first, then the matched words are wrapped: escaping
    word by word would let a web address in the data through as a live link,
    since escape_md breaks addresses only when it sees them whole."""
    wanted = set(words)
    escaped = escape_md("" if text is None else str(text))
    return _WORD.sub(lambda m: f"**{m.group(0)}**" if _fold(m.group(0)) in wanted else m.group(0), escaped)


def groups(rows: Sequence[Mapping[str, Any]]) -> list[Group]:
    """search_hits rows (best kind first) -> groups in that order."""
    out: dict[str, Group] = {}
    for r in rows:
        kind = r["kind"]
        if kind not in out:
            out[kind] = Group(kind, KINDS.get(kind, kind), int(r["kind_total"]), [])
        target = LINKS_TO[kind]
        page, param = links.PAGES[target]
        words = list(r["words"] or [])
        out[kind].hits.append(
            Hit(
                kind,
                str(r["entity_id"]),
                mark(r["label"], words),
                mark(r["detail"], words),
                f"pages/{page}.py",
                {param: str(r["entity_id"])},
            )
        )
    return list(out.values())


def _results(count: int) -> str:
    return f"{count:,} result{'s' if count != 1 else ''}"


def _level_words(rows: Sequence[Mapping[str, Any]]) -> str:
    """What the best hits hold, when they do not hold the words as typed."""
    if int(rows[0]["best_level"]) == 2:
        return "all of the words"
    return "some of the words" if int(rows[0]["asked"]) > 1 else "a similar word"


def summary(query: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """One line above the hits, as plain text: how many, and how well they
    match (search_hits.sql's levels: the words as typed, all of them apart,
    some of them)."""
    if not rows:
        return f"Nothing matches “{query}”."
    found = sum(int(r["kind_total"]) for r in {r["kind"]: r for r in rows}.values())
    best = int(rows[0]["best_total"])
    if exact(rows):
        more = f", the {best:,} exact match{'es' if best != 1 else ''} first" if best < found else ""
        return f"{_results(found)} for “{query}”{more}."
    more = f", then {found - best:,} with some of them" if best < found else ""
    return f"{_results(best)} with {_level_words(rows)}{more}."


def exact(rows: Sequence[Mapping[str, Any]]) -> bool:
    """Whether some hit holds the words as typed (search_hits.sql, level 1)."""
    return bool(rows) and int(rows[0]["best_level"]) == 1


def no_exact_text(query: str, rows: Sequence[Mapping[str, Any]]) -> str | None:
    """The line before the hits when none holds the words as typed, as plain text."""
    if not rows or exact(rows):
        return None
    return f"No exact match for “{query}”. Results with {_level_words(rows)}:"


def group_heading(group: Group) -> str:
    shown = len(group.hits)
    if group.total > shown:
        return f"{group.heading}: {shown} best of {group.total:,}"
    return f"{group.heading} ({group.total:,})"


def has_more(found: Sequence[Group]) -> bool:
    return any(g.total > len(g.hits) for g in found)
