"""The results explorer: filters, pivot, paging and downloads.

Everything is counted in DuckDB (queries/explorer_*.sql); only the pivot's
cells, one page of outputs, or a bounded download leave the database, so the
page stays light at a million outputs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers.charts import charts, formatting
from fivebarriers.views import result_tables

# The dimensions a champion can filter and pivot by, in the order shown.
DIMENSIONS: dict[str, str] = {
    "barrier": "Barrier",
    "place": "Place",
    "department": "Department",
    "programme": "Programme",
    "kind": "Achieved or expected",
    "status": "Reported or not",
}
NO_COLUMNS = "none"
DEFAULT_ROWS, DEFAULT_COLUMNS = "barrier", "kind"
PAGE_SIZE = 50
# Pivot cells fetched, rows drawn, and outputs in one download: bounds that
# keep the browser and the server light whatever the size of the database.
PIVOT_LIMIT = 5_000
CHART_ROWS = 25
EXPORT_LIMIT = 100_000

ALL_LABELS = {
    "barrier": "All barriers",
    "place": "All places",
    "department": "All departments",
    "programme": "All programmes",
    "kind": "Achieved and expected",
    "status": "Reported and not reported",
}
HELP = {
    "barrier": "Outputs of pilots that addressed or faced the barrier.",
    "place": "Outputs of pilots in the place or anywhere within it.",
    "department": "Outputs of pilots the department (under any of its names) led, partnered or engaged with.",
}


def filter_options(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """explorer_options rows -> {dimension: {value: label}}, in query order."""
    out: dict[str, dict[str, str]] = {d: {} for d in DIMENSIONS}
    for r in rows:
        out[r["dimension"]][r["value"]] = r["label"]
    return out


def column_options(rows: str) -> dict[str, str]:
    return {NO_COLUMNS: "Nothing (one column)", **{k: v for k, v in DIMENSIONS.items() if k != rows}}


def count_headline(counts: Mapping[str, Any]) -> str:
    outputs = int(counts["outputs"])
    if outputs == 0:
        return "No output matches these filters."
    missing, expected = int(counts["not_reported"]), int(counts["expected"])
    text = f"{outputs:,} output{'s' if outputs != 1 else ''} match: {int(counts['reported']):,} reported"
    text += f", {missing:,} not reported" if missing else ", none missing"
    if expected:
        text += f"; {expected:,} of them expected rather than achieved"
    return text + "."


def filters_text(filters: Mapping[str, str | None], options: Mapping[str, Mapping[str, str]]) -> str:
    chosen = [f"{DIMENSIONS[d]}: {options[d].get(v, v)}" for d, v in filters.items() if v is not None]
    return "; ".join(chosen) if chosen else "no filters"


def pivot_chart(
    cells: Sequence[Mapping[str, Any]], rows: str, columns: str, filters_note: str
) -> charts.Chart:
    cells = list(cells)
    totals: dict[str, int] = {}
    for c in cells:
        totals[c["row_label"]] = totals.get(c["row_label"], 0) + int(c["outputs"])
    order = list(totals)
    kept = set(sorted(order, key=lambda k: -totals[k])[:CHART_ROWS])
    shown = [c for c in cells if c["row_label"] in kept]
    top = max(totals, key=lambda k: totals[k])
    headline = f"{top} has the most outputs recorded: {totals[top]:,}"
    if len(totals) > 1:
        headline += f" (next: {sorted(totals.values())[-2]:,})"
    subtitle = f"Outputs by {DIMENSIONS[rows].lower()}"
    if columns != NO_COLUMNS:
        subtitle += f" and {DIMENSIONS[columns].lower()}"
    subtitle += f"; {filters_note}"
    if len(totals) > CHART_ROWS:
        subtitle += f"; the {CHART_ROWS} with most outputs drawn, all {len(totals):,} in the table"
    if rows in ("barrier", "department") or columns in ("barrier", "department"):
        subtitle += "; an output linked to two barriers or departments counts under each"
    source = "Five Barriers data: outputs, from the source sections listed with each output"
    if columns == NO_COLUMNS:
        chart = charts.count_bars(
            [{**c, "group": c["row_label"]} for c in shown], headline, subtitle, source, category="group"
        )
    else:
        chart = charts.count_grid(shown, headline, subtitle, source, DIMENSIONS[rows], DIMENSIONS[columns])
    # The table holds every cell fetched, not only those drawn.
    chart.table = pivot_table(cells, rows, columns)
    return chart


def pivot_table(cells: Sequence[Mapping[str, Any]], rows: str, columns: str) -> pd.DataFrame:
    table: dict[str, list[Any]] = {DIMENSIONS[rows]: [c["row_label"] for c in cells]}
    if columns != NO_COLUMNS:
        table[DIMENSIONS[columns]] = [c["column_label"] for c in cells]
    table["Outputs"] = [int(c["outputs"]) for c in cells]
    table["Reported"] = [int(c["reported"]) for c in cells]
    table["Not reported"] = [int(c["not_reported"]) for c in cells]
    return pd.DataFrame(table)


def page_count(outputs: int) -> int:
    return max(1, -(-int(outputs) // PAGE_SIZE))


def page_text(page: int, outputs: int) -> str:
    if outputs == 0:
        return "No outputs to show."
    first = (page - 1) * PAGE_SIZE + 1
    last = min(page * PAGE_SIZE, outputs)
    return (
        f"Outputs {first:,}–{last:,} of {outputs:,}, ordered by output id (page {page:,} of "
        f"{page_count(outputs):,})"
    )


def outputs_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The page or download: the readable sentence, then every figure as data
    (actual with its qualifier, goal low/high) for analysts to reuse."""
    frame = result_tables.results_frame(
        rows, extra={"programme_name": "Programme", "barriers": "Barriers", "departments": "Departments"}
    )
    frame.insert(0, "Output id", [r["output_id"] for r in rows])
    frame["Actual (number)"] = [None if pd.isna(r.get("actual")) else float(r["actual"]) for r in rows]
    frame["Actual qualifier"] = [r.get("qualifier") for r in rows]
    frame["Actual as written"] = [
        formatting.qualified(r.get("actual"), r.get("qualifier"), r.get("unit")) for r in rows
    ]
    frame["Goal low"] = [None if pd.isna(r.get("target_low")) else float(r["target_low"]) for r in rows]
    frame["Goal high"] = [None if pd.isna(r.get("target_high")) else float(r["target_high"]) for r in rows]
    frame["Unit"] = [r.get("unit") for r in rows]
    return frame
