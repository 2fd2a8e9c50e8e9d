"""Results as people read them, shared by the Barriers, Places, Departments
and Explorer pages: one sentence per result through formatting, and the
chart of results against their own goals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers.charts import charts, formatting

# Results drawn on one chart; the rest stay in the table.
CHART_LIMIT = 12
# Rows of a pilot list sent to the browser at once: at 10M outputs a barrier
# has about 12,000 pilots and a department thousands; the rest are a page away.
LIST_PAGE_SIZE = 50


# Results sent to the browser at once. Page N asks the results query for its
# first N x 50 rows (the queries stop reading outputs once they have them)
# and shows the last 50; the goal chart always reads page 1, so it is the
# same on every page.
RESULTS_PAGE_SIZE = 50

NO_FILTERS: dict[str, None] = {
    "barrier": None,
    "place": None,
    "department": None,
    "programme": None,
    "kind": None,
    "status": None,
}


def results_filters(**chosen: str | None) -> dict[str, str | None]:
    """Parameters for explorer_count that count exactly the rows of
    barrier_results / place_results / department_results (the pager's total)."""
    return {**NO_FILTERS, **chosen}


def page_slice(rows: Sequence[Mapping[str, Any]], page: int) -> list[Mapping[str, Any]]:
    return list(rows[(page - 1) * RESULTS_PAGE_SIZE : page * RESULTS_PAGE_SIZE])


def page_count(rows: int, size: int = LIST_PAGE_SIZE) -> int:
    return max(1, -(-int(rows) // size))


def page_text(page: int, rows: int, noun: str, size: int = LIST_PAGE_SIZE) -> str:
    """'Pilots 51–100 of 12,031 (page 2 of 241)'."""
    first = (page - 1) * size + 1
    last = min(page * size, rows)
    return f"{noun.capitalize()} {first:,}–{last:,} of {rows:,} (page {page:,} of {page_count(rows, size):,})"


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def goal_text(row: Mapping[str, Any]) -> str:
    unit = row.get("unit")
    goal = formatting.target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    return goal or "no goal stated"


def results_frame(rows: Sequence[Mapping[str, Any]], extra: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One line per result: the sentence ('over 550 people against a goal of
    100 (5.5× the goal)'), its goal, kind and status written out, and the source."""
    table: dict[str, list[Any]] = {
        "Pilot": [r["pilot_name"] for r in rows],
        "Measure": [r["measure"] for r in rows],
        "Result": [formatting.result_sentence(r) for r in rows],
        "Goal": [goal_text(r) for r in rows],
        "Place": [r.get("place_name") for r in rows],
        "Achieved or expected": [r.get("kind") for r in rows],
        "Status": [r.get("status") for r in rows],
    }
    for column, title in (extra or {}).items():
        table[title] = [_text(r.get(column)) for r in rows]
    table["Source"] = [f"{r.get('source_title')}: {r.get('locator')}" for r in rows]
    return pd.DataFrame(table)


def with_goal(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [r for r in rows if not pd.isna(r.get("target_low"))][:CHART_LIMIT]


def goal_headline(rows: Sequence[Mapping[str, Any]]) -> str:
    """States the finding: which result went furthest past its goal, or how
    many were not reported, in words."""
    reported = [r for r in rows if r.get("status") == "reported"]
    beat = [r for r in reported if float(r["actual"]) > float(r["target_high"])]
    missing = len(rows) - len(reported)
    if beat:
        best = max(beat, key=lambda r: float(r["actual"]) / float(r["target_high"]))
        text = f"{best['pilot_name']} went furthest past its goal"
        if len(rows) > 1:
            text += f"; {len(beat)} of {len(rows)} results with a goal beat it"
        return text
    if reported and not missing:
        return f"None of the {len(rows)} results with a goal went past it"
    if not reported:
        return f"No figure was reported for the {len(rows)} result{'s' if len(rows) != 1 else ''} with a goal"
    return f"{len(reported)} of {len(rows)} results with a goal were reported; none went past it"


def goal_chart(rows: Sequence[Mapping[str, Any]], context: str) -> charts.Chart:
    rows = with_goal(rows)
    sources = sorted({str(r["source_title"]) for r in rows})
    subtitle = f"Each result against its own goal, as % of the goal (lower end of a range); {context}"
    return charts.progress_against_goals(rows, goal_headline(rows), subtitle, "; ".join(sources))


def output_count_text(row: Mapping[str, Any]) -> str:
    outputs, reported = int(row["outputs"]), int(row["reported"])
    if outputs == 0:
        return "none recorded"
    if reported == outputs:
        return f"{outputs} (all reported)"
    return f"{outputs} ({outputs - reported} not reported)"
