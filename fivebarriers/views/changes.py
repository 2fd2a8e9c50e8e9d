"""What changed in the data, and when: the public side of the load history.

One source for every page's "Data last changed": the date the curated
data/*.csv last changed (recorded by `build`) and the latest analyst load
or undo (ingest_batches), read by queries/data_last_changed.sql."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers.views import ui
from fivebarriers.views.data_date import date_text, timestamp
from fivebarriers.views.data_date import last_changed as last_changed  # the pages and tests read it here

# Table names as a reader says them: (one, many).
THINGS = {
    "outputs": ("result", "results"),
    "pilots": ("pilot", "pilots"),
    "places": ("place", "places"),
    "programmes": ("programme", "programmes"),
    "barrier_evidence": ("finding about a barrier", "findings about the barriers"),
    "pilot_barriers": ("link between a pilot and a barrier", "links between pilots and barriers"),
    "pilot_departments": ("link between a pilot and a department", "links between pilots and departments"),
    "sources": ("source document", "source documents"),
    "workshop_answers": ("workshop answer count", "workshop answer counts"),
}
CURATED_ORDER = ("programmes", "pilots", "outputs", "barrier_evidence", "sources")
COLUMNS = ["When", "What changed", "Batch", "By"]
CURATED_BY = "the Five Barriers team"


def last_changed_text() -> str:
    """The day the data last changed, as every page's footer says it."""
    return ui.last_changed_text()


def count_text(table: str | None, rows: int | None) -> str:
    one, many = THINGS.get(table or "", (f"row of {table}", f"rows of {table}"))
    if rows is None:
        return many
    return f"{rows:,} {one if rows == 1 else many}"


def curated_text(counts: Sequence[Mapping[str, Any]]) -> str:
    by_table = {c["table_name"]: int(c["row_count"]) for c in counts}
    parts = [count_text(t, by_table[t]) for t in CURATED_ORDER if t in by_table]
    held = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)
    return f"The curated dataset, taken from the published sources: {held}."


def event_text(event: Mapping[str, Any], counts: Sequence[Mapping[str, Any]]) -> str:
    kind = event["event"]
    rows = None if pd.isna(event.get("row_count")) else int(event["row_count"])
    if kind == "curated":
        return curated_text(counts)
    if kind == "loaded":
        return f"Added {count_text(event['table_name'], rows)} in one load."
    return f"Took out the {count_text(event['table_name'], rows)} of that load (undone)."


def when_text(event: Mapping[str, Any]) -> str:
    stamp = timestamp(event.get("changed_at"))
    if stamp is None:
        return "not recorded"
    if event["event"] == "curated":  # the build records a date, not a time
        return date_text(stamp)
    return f"{date_text(stamp)}, {stamp:%H:%M} UTC"


def history_frame(events: Sequence[Mapping[str, Any]], counts: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per change, newest first, in plain words."""
    rows = [
        {
            "When": when_text(e),
            "What changed": event_text(e, counts),
            "Batch": e["batch_id"] or "curated data",
            "By": e["changed_by"] or (CURATED_BY if e["event"] == "curated" else "not recorded"),
        }
        for e in events
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def summary_text(events: Sequence[Mapping[str, Any]]) -> str:
    loads = sum(1 for e in events if e["event"] == "loaded")
    undone = sum(1 for e in events if e["event"] == "undone")
    if not loads:
        return "No analyst has added data since the curated dataset was built."
    load_word = "load" if loads == 1 else "loads"
    undo_part = f", {undone:,} of them undone" if undone else ""
    return f"Since the curated dataset was built, analysts added data in {loads:,} {load_word}{undo_part}."
