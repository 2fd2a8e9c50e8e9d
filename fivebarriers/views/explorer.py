"""The results explorer: facets (filters that take several values, with the
count beside each), the outputs led by the answer, the pivot and downloads.

Everything is counted in DuckDB, in one query (queries/explorer_counts.sql,
where the filter block is written once); only the counts, one page of
outputs or a bounded download leave the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from fivebarriers import evidence, words
from fivebarriers.charts import charts, formatting
from fivebarriers.views import links, result_tables

# Filters that take several values (facets), in the order shown, with the
# URL parameter each lives in (comma-separated ids).
FACETS: dict[str, str] = {
    "barrier": "Barrier",
    "place": "Place",
    "department": "Department",
    "role": "Department's role",
    "programme": "Programme",
    "kind": "Result or forecast",
    "status": "Figure published or not",
    "strength": "Strength of evidence",
}
# The query parameter each facet fills (a list, or None for all).
QUERY_PARAMS = {
    "barrier": "barriers",
    "place": "places",
    "department": "departments",
    "role": "roles",
    "programme": "programmes",
    "kind": "kinds",
    "status": "statuses",
    "strength": "strengths",
    "pilot": "pilots",
}
ROLES = {
    "lead": "Lead",
    "partner": "Partner",
    "engaged": "Engaged",
    "named": words.MENTIONED_ONLY.capitalize(),  # the role word every other page uses (audit NI3)
}
READABLE = {
    "achieved": "Result",
    "expected": "Forecast",
    "reported": "Figure published",
    "not reported": "No figure published",
    **ROLES,
    **{strength: evidence.label(strength) for strength in (*evidence.STRENGTHS, evidence.NOT_YET_ASSESSED)},
}
# The dimensions a champion can pivot by.
DIMENSIONS: dict[str, str] = {
    "barrier": "Barrier",
    "place": "Place",
    "department": "Department",
    "role": "Department's role",
    "programme": "Programme",
    "kind": "Result or forecast",
    "status": "Figure published or not",
    "strength": "Strength of evidence",
}
NO_VALUE = {
    "barrier": "No barrier in the sources",
    "department": "No department named",
    "role": "No department named",
}
NO_COLUMNS = "none"
DEFAULT_ROWS, DEFAULT_COLUMNS = "barrier", "kind"
PAGE_SIZE = 50
CHART_ROWS = 25
EXPORT_LIMIT = 100_000

HELP = {
    "barrier": "Results of pilots that tackled, or were held back by, any of the chosen barriers.",
    "place": "Results of pilots in any of the chosen places or anywhere within them.",
    "department": "Results of pilots any of the chosen departments (under any of their names) took part in.",
    "role": "The department's role in the pilot; with departments chosen, their role.",
    "pilot": "One or more pilots by name.",
    "strength": "What stands behind the figure, from a projection to an independent impact evaluation.",
    "text": "Words that must all appear in the pilot's name, place, programme or measures.",
}


@dataclass
class Counts:
    total: dict[str, int]
    facets: dict[str, dict[str, int]]
    cells: list[dict[str, Any]]
    pilots: list[str] | None  # matching pilots when a pilot-level filter is set


def filter_options(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """explorer_options rows -> {dimension: {value: label}}, in query order."""
    out: dict[str, dict[str, str]] = {d: {} for d in FACETS}
    for r in rows:
        if r["dimension"] in out:
            out[r["dimension"]][r["value"]] = READABLE.get(r["label"], r["label"])
    out["role"] = dict(ROLES)
    return out


def query_params(chosen: Mapping[str, list[str]], text: str | None) -> dict[str, Any]:
    """Chosen facet values -> explorer_counts parameters (None: no filter)."""
    params: dict[str, Any] = {QUERY_PARAMS[k]: (list(v) if v else None) for k, v in chosen.items()}
    for name in QUERY_PARAMS.values():
        params.setdefault(name, None)
    params["text"] = text or None
    return params


def split_counts(rows: Sequence[Mapping[str, Any]]) -> Counts:
    total = {"outputs": 0, "reported": 0, "not_reported": 0, "expected": 0}
    facets: dict[str, dict[str, int]] = {d: {} for d in FACETS}
    cells, pilots, any_pilot_part = [], [], False
    for r in rows:
        if r["part"] == "total":
            total = {k: int(r[k] or 0) for k in total}
        elif r["part"] == "facet":
            facets.setdefault(r["dimension"], {})[r["value"]] = int(r["outputs"])
        elif r["part"] == "pivot":
            cells.append(dict(r))
        elif r["part"] == "pilot":
            any_pilot_part = True
            pilots.append(r["value"])
    return Counts(total, facets, cells, pilots if any_pilot_part else None)


def count_headline(counts: Mapping[str, Any]) -> str:
    outputs = int(counts["outputs"])
    if outputs == 0:
        return "No result matches these filters."
    missing, expected = int(counts["not_reported"]), int(counts["expected"])
    text = f"{formatting.plural(outputs, 'result')} {'matches' if outputs == 1 else 'match'}"
    text += f": {int(counts['reported']):,} with a figure published"
    if missing:
        text += f" and {missing:,} with no figure published"
    if expected:
        text += (
            f"; {expected:,} {'is a forecast' if expected == 1 else 'are forecasts'}, not results achieved"
        )
    return text + "."


def filters_text(
    chosen: Mapping[str, list[str]], text: str | None, options: Mapping[str, Mapping[str, str]]
) -> str:
    parts = [
        f"{FACETS.get(d, 'Pilot')}: {' or '.join(options.get(d, {}).get(v, v) for v in values)}"
        for d, values in chosen.items()
        if values
    ]
    if text:
        parts.append(f"words: {text}")
    return "; ".join(parts) if parts else "no filters"


def column_options(rows: str) -> dict[str, str]:
    return {NO_COLUMNS: "Nothing (one column)", **{k: v for k, v in DIMENSIONS.items() if k != rows}}


def label_cells(
    cells: Sequence[Mapping[str, Any]], rows: str, columns: str, options: Mapping[str, Mapping[str, str]]
) -> list[dict[str, Any]]:
    """Pivot cells with readable labels, in the options' order (barriers in
    their display order, then names); a missing key reads 'No barrier recorded'."""

    def label(dimension: str, key: Any) -> str:
        if key is None:
            return NO_VALUE.get(dimension, "Not given")
        if dimension == NO_COLUMNS:
            return "Results"
        return options.get(dimension, {}).get(key) or READABLE.get(key, str(key))

    def order(dimension: str, key: Any) -> tuple[int, int]:
        keys = list(options.get(dimension, {}))
        return (1, 0) if key is None else (0, keys.index(key) if key in keys else len(keys))

    out = [
        {
            **c,
            "row_label": label(rows, c["value"]),
            "column_label": label(columns, c["column_value"]),
            "_order": (order(rows, c["value"]), order(columns, c["column_value"])),
        }
        for c in cells
    ]
    return sorted(out, key=lambda c: c["_order"])


def pivot_chart(
    cells: Sequence[Mapping[str, Any]], rows: str, columns: str, filters_note: str
) -> charts.Chart:
    cells = list(cells)
    totals: dict[str, int] = {}
    for c in cells:
        totals[c["row_label"]] = totals.get(c["row_label"], 0) + int(c["outputs"])
    kept = set(sorted(totals, key=lambda k: -totals[k])[:CHART_ROWS])
    shown = [c for c in cells if c["row_label"] in kept]
    top = max(totals, key=lambda k: totals[k])
    headline = f"{top} has the most results: {totals[top]:,}"
    if len(totals) > 1:
        headline += f" (next: {sorted(totals.values())[-2]:,})"
    subtitle = f"Results by {DIMENSIONS[rows].lower()}"
    if columns != NO_COLUMNS:
        subtitle += f" and {DIMENSIONS[columns].lower()}"
    subtitle += f"; {filters_note}"
    if len(totals) > CHART_ROWS:
        subtitle += f"; the {CHART_ROWS} with most results drawn, all {len(totals):,} in the table"
    if {rows, columns} & {"barrier", "department", "role"}:
        subtitle += "; a result linked to two barriers, departments or roles counts under each"
    source = "Five Barriers data: results, from the source sections listed with each result"
    if columns == NO_COLUMNS:
        chart = charts.count_bars(
            [{**c, "group": c["row_label"]} for c in shown], headline, subtitle, source, category="group"
        )
    else:
        chart = charts.count_grid(shown, headline, subtitle, source, DIMENSIONS[rows], DIMENSIONS[columns])
    chart.table = pivot_table(cells, rows, columns)
    return chart


def pivot_table(cells: Sequence[Mapping[str, Any]], rows: str, columns: str) -> pd.DataFrame:
    """Rows by columns, as read: a blank where no output falls, never 'none' or 0."""
    row_labels = list(dict.fromkeys(c["row_label"] for c in cells))
    if columns == NO_COLUMNS:
        return pd.DataFrame(
            {
                DIMENSIONS[rows]: row_labels,
                "Results": [sum(int(c["outputs"]) for c in cells if c["row_label"] == r) for r in row_labels],
                "No figure published": [
                    sum(int(c["not_reported"]) for c in cells if c["row_label"] == r) for r in row_labels
                ],
            }
        )
    column_labels = list(dict.fromkeys(c["column_label"] for c in cells))
    found = {(c["row_label"], c["column_label"]): int(c["outputs"]) for c in cells}
    table: dict[str, list[Any]] = {DIMENSIONS[rows]: row_labels}
    for column in column_labels:
        table[column] = [f"{found[(r, column)]:,}" if (r, column) in found else "" for r in row_labels]
    return pd.DataFrame(table)


def page_count(outputs: int) -> int:
    return max(1, -(-int(outputs) // PAGE_SIZE))


def page_text(page: int, outputs: int) -> str:
    first = (page - 1) * PAGE_SIZE + 1
    last = min(page * PAGE_SIZE, outputs)
    return (
        f"Results {first:,}–{last:,} of {outputs:,}, ordered by id (page {page:,} of {page_count(outputs):,})"
    )


ANALYST_COLUMNS = (
    "Actual (number)",
    "Actual qualifier",
    "Actual as written",
    "Goal low",
    "Goal high",
    "Unit",
)


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def outputs_frame(rows: Sequence[Mapping[str, Any]], with_links: bool = True) -> pd.DataFrame:
    """The answer first: Pilot · Measure · Result against goal · Place ·
    Status · Source; then the rest, every figure as data for analysts, and
    the result id last (the analysts' files keep output_id)."""
    frame = pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in rows],
            "Measure": [r["measure"] for r in rows],
            "Result against goal": [formatting.result_sentence(r) for r in rows],
            "Strength of evidence": [evidence.label(r.get("evidence_strength")) for r in rows],
            "Place": [r.get("place_name") for r in rows],
            "Figure published": [formatting.figure_published(r) for r in rows],
            "Source": [f"{r.get('source_title')}: {r.get('locator')}" for r in rows],
            "Programme": [r.get("programme_name") for r in rows],
            "Type": [formatting.result_type(r) for r in rows],
            "Goal": [result_tables.goal_text(r) for r in rows],
            "Barriers": [r.get("barriers") or "" for r in rows],
            "Departments": [r.get("departments") or "" for r in rows],
            "Actual (number)": [_number(r.get("actual")) for r in rows],
            "Actual qualifier": [r.get("qualifier") for r in rows],
            "Actual as written": [
                formatting.qualified(r.get("actual"), r.get("qualifier"), r.get("unit")) for r in rows
            ],
            "Goal low": [_number(r.get("target_low")) for r in rows],
            "Goal high": [_number(r.get("target_high")) for r in rows],
            "Unit": [r.get("unit") for r in rows],
            "Result id": [r["output_id"] for r in rows],
        }
    )
    if with_links:
        # On screen the sentence says it all; the figures as data are in the downloads.
        frame = frame.drop(columns=list(ANALYST_COLUMNS))
        frame = links.link_results(frame, rows)
        # st.table renders Markdown: every other text cell is escaped.
        for column in frame.columns:
            if column not in ("Pilot", "Place", "Programme", "Source"):
                frame[column] = [links.escape_md(v) if isinstance(v, str) else v for v in frame[column]]
    return frame
