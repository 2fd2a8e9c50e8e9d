"""Results as people read them, shared by the Barriers, Places, Departments
and Explorer pages: one sentence per result through formatting, and the
chart of results against their own goals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from fivebarriers.charts import charts, formatting
from fivebarriers.views import ui

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
    """One line per result: the sentence ('67 homes against an intended
    100–150 (below the range)'), its goal, kind and status written out, where
    sources disagree, and the source."""
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
    table["Sources disagree"] = [_text(r.get("disputed_note")) for r in rows]
    table["Source"] = [f"{r.get('source_title')}: {r.get('locator')}" for r in rows]
    return pd.DataFrame(table)


def with_goal(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [r for r in rows if not pd.isna(r.get("target_low"))][:CHART_LIMIT]


def goal_headline(counts: Mapping[str, Any]) -> str:
    """The finding, counted in SQL over every matching result (scope_goal_counts),
    never over the bars drawn. Only a goal that counts the same thing as the
    result is beaten or missed; the others and the unreported are counted apart."""
    with_goal = int(counts["with_goal"])
    comparable, beat = int(counts["comparable"]), int(counts["beat"])
    if not with_goal:
        return "No result here has a goal"
    if beat:
        ratio = formatting.ratio_text(float(counts["best_ratio"]), counts.get("best_qualifier"))
        of = formatting.plural(comparable, "reported result")
        best = f"{counts['best_pilot']} went furthest past its goal ({ratio})"
        text = f"{best}; {beat:,} of {of} with a like-for-like goal beat it"
    elif comparable:
        text = f"0 of {formatting.plural(comparable, 'reported result')} with a like-for-like goal beat it"
    else:
        text = f"No reported result here can be read against a like-for-like goal ({with_goal:,} with a goal)"
    apart = []
    if int(counts["other_measure"]) and comparable:
        apart.append(f"{int(counts['other_measure']):,} had a goal for a different or unrecorded measure")
    if int(counts["with_goal_not_reported"]):
        apart.append(f"{int(counts['with_goal_not_reported']):,} not reported")
    return text + ("; " + "; ".join(apart) if apart else "")


def drawn_text(drawn: int, counts: Mapping[str, Any]) -> str:
    """'12 of 2,903 results with a goal shown: ...' when the chart draws a subset."""
    with_goal = int(counts["with_goal"])
    if drawn >= with_goal:
        return f"All {formatting.plural(with_goal, 'result')} with a goal shown."
    return (
        f"{drawn:,} of {with_goal:,} results with a goal shown: the reported results with a like-for-like "
        f"goal that went furthest past it come first. All of them are in the Results explorer."
    )


def _distinct_bars(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """A pilot reporting one measure month by month has several bars with the
    same label, which a chart would draw on one line: name each by its period."""
    seen: dict[tuple[Any, Any], int] = {}
    for r in rows:
        seen[(r["pilot_name"], r["measure"])] = seen.get((r["pilot_name"], r["measure"]), 0) + 1
    out = []
    for r in rows:
        if seen[(r["pilot_name"], r["measure"])] > 1:
            when = r.get("period_end")
            tag = f"to {when}" if when is not None and not pd.isna(when) else str(r["output_id"])
            r = {**r, "measure": f"{r['measure']} ({tag})"}
        out.append(r)
    return out


def goal_chart(rows: Sequence[Mapping[str, Any]], counts: Mapping[str, Any], context: str) -> charts.Chart:
    rows = _distinct_bars(rows)
    sources = sorted({str(r["source_title"]) for r in rows})
    with_goal = int(counts["with_goal"])
    shown = "all shown" if len(rows) >= with_goal else f"{len(rows)} of {with_goal:,} shown"
    subtitle = f"Each result as % of its own goal (lower end of a range); {context}; {shown}"
    chart = charts.progress_against_goals(rows, goal_headline(counts), subtitle, "; ".join(sources))
    chart.alt_text += " " + drawn_text(len(rows), counts)
    return chart


def goal_scope(dimension: str, key: str | None, roles: Sequence[str] = ()) -> dict[str, Any]:
    """Parameters of scope_goal_counts / scope_goal_results for one page's choice."""
    return {"dimension": dimension, "key": key, "roles": list(roles)}


def show_goal_chart(scope: Mapping[str, Any], context: str, key: str) -> None:
    """The goal chart of a page's choice: headline counted over every matching
    result, at most CHART_LIMIT bars, and a link to all of them in the explorer."""
    counts = ui.records("scope_goal_counts", **scope)[0]
    with_goal = int(counts["with_goal"])
    if not with_goal:
        return
    rows = ui.records("scope_goal_results", **scope, limit=CHART_LIMIT)
    ui.chart_block(goal_chart(rows, counts, context), key=key)
    st.caption(ui.escape_md(drawn_text(len(rows), counts)))
    if len(rows) < with_goal:
        params = {} if scope["key"] is None else {scope["dimension"]: scope["key"]}
        st.page_link(
            "pages/explorer.py",
            label=f"All {with_goal:,} results with a goal, in the Results explorer",
            icon=":material/table_view:",
            query_params=params,
        )


def output_count_text(row: Mapping[str, Any]) -> str:
    outputs, reported = int(row["outputs"]), int(row["reported"])
    if outputs == 0:
        return "none recorded"
    if reported == outputs:
        return f"{outputs} (all reported)"
    return f"{outputs} ({outputs - reported} not reported)"
