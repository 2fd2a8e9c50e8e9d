"""Compare two to four places, departments or programmes side by side:
pilots, results against goals, barriers met and departments. The choice
lives in the URL (/compare?kind=place&ids=liverpool,east-sussex).

Places ran different pilots with different measures (chart style §5), so
the comparison counts what is comparable (pilots, results with a goal that
counts the same thing and whether they beat it, barriers, departments) and
never ranks places by a measure they do not share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers.reflected import shorten
from fivebarriers.views import links
from fivebarriers.views.ui import escape_md

KINDS = {"place": "Places", "department": "Departments", "programme": "Programmes"}
DEFAULTS = {
    "place": ["liverpool", "east-sussex"],
    "department": ["mhclg", "dwp"],
    "programme": ["pfpp", "wpcb"],
}
MIN_CHOSEN, MAX_CHOSEN = 2, 4
SHOWN = 8  # names listed per cell; the count says how many there are


def parse_ids(raw: str | None, options: Mapping[str, str], kind: str) -> tuple[list[str], str | None]:
    """ids from the URL ('a,b,c'): the known ones, in order, at most four,
    and a message naming any that were dropped, escaped for Markdown."""
    if raw is None:
        defaults = [i for i in DEFAULTS[kind] if i in options] or list(options)[:MIN_CHOSEN]
        return defaults, None
    asked = [i.strip() for i in raw.split(",") if i.strip()]
    known = list(dict.fromkeys(i for i in asked if i in options))
    unknown = [i for i in asked if i not in options]
    message = None
    if unknown:
        # The ids came from the URL: quoted short, and escaped, since the page shows
        # the message in a warning box, which renders Markdown.
        quoted = ", ".join(f"“{shorten(i)}”" for i in unknown)
        message = escape_md(f"The link asks for {quoted}, not in the data; left out.")
    if len(known) > MAX_CHOSEN:
        message = (message + " " if message else "") + f"Only the first {MAX_CHOSEN} are compared."
        known = known[:MAX_CHOSEN]
    return known, message


def ordered(rows: Sequence[Mapping[str, Any]], ids: Sequence[str]) -> list[Mapping[str, Any]]:
    by_id = {r["entity_id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def _more(shown: int, total: int) -> str:
    return f" and {total - shown:,} more" if total > shown else ""


def _pilots(row: Mapping[str, Any]) -> str:
    items = list(row["first_pilots"])
    if not items:
        return "none"
    return ", ".join(links.md("pilot", p["id"], p["name"]) for p in items[:SHOWN]) + escape_md(
        _more(min(len(items), SHOWN), int(row["pilots"]))
    )


def _barriers(row: Mapping[str, Any], key: str) -> str:
    items = [b for b in row["barriers"] if int(b[key]) > 0]
    if not items:
        return "none in the sources"
    return ", ".join(f"{links.md('barrier', b['id'], b['name'])} ({int(b[key])})" for b in items)


def _departments(row: Mapping[str, Any]) -> str:
    items = list(row["first_departments"])
    if not items:
        return "none named"
    return ", ".join(links.md("department", d["id"], d["name"]) for d in items[:SHOWN]) + escape_md(
        _more(min(len(items), SHOWN), int(row["departments"]))
    )


def _beat(row: Mapping[str, Any]) -> str:
    """'0 of 1', counted as the goal charts count (issue 12): a result whose
    goal measured something else is not said to have reached it."""
    comparable = int(row["comparable"])
    if comparable == 0:
        return "no result can be checked against its goal"
    return f"{int(row['beat']):,} of {comparable:,}"


ROWS = (
    ("Page", lambda r, kind: links.md(kind, r["entity_id"], f"Open {r['name']}")),
    ("Pilots or case studies", lambda r, kind: f"{int(r['pilots']):,}"),
    ("Which pilots", lambda r, kind: _pilots(r)),
    ("Results", lambda r, kind: f"{int(r['results']):,}"),
    ("Results that passed their goal", lambda r, kind: _beat(r)),
    ("Results with no figure published", lambda r, kind: f"{int(r['not_reported']):,}"),
    ("Forecasts (results not yet achieved)", lambda r, kind: f"{int(r['expected']):,}"),
    ("Barriers tackled (pilots)", lambda r, kind: _barriers(r, "worked_on")),
    ("Barriers that held pilots back (pilots)", lambda r, kind: _barriers(r, "held_back")),
    ("Departments (pilots)", lambda r, kind: _departments(r)),
)


def side_by_side(rows: Sequence[Mapping[str, Any]], kind: str) -> pd.DataFrame:
    """One column per chosen place/department/programme, one row per fact."""
    table: dict[str, list[str]] = {"": [label for label, _ in ROWS]}
    for r in rows:
        column = escape_md(r["name"])
        while column in table:  # two places can share a name
            column += " "
        table[column] = [fn(r, kind) for _, fn in ROWS]
    return pd.DataFrame(table)


def headline(rows: Sequence[Mapping[str, Any]]) -> str:
    names = [str(r["name"]) for r in rows]
    return "Comparing " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])
