"""Words and tables for a programme's page: what it was, when, who paid and
led it, its places and pilots, results against goals, findings and money."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import charts, formatting
from fivebarriers.views import links, pilots, result_tables
from fivebarriers.views.ui import escape_md


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def options(rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """'PfPP: Partnerships for People and Place' keyed by programme_id."""
    return {
        r["programme_id"]: r["name"] if r["short_name"] == r["name"] else f"{r['short_name']}: {r['name']}"
        for r in rows
    }


def period_text(programme: Mapping[str, Any]) -> str:
    if not _missing(programme.get("period_note")):
        return str(programme["period_note"])
    start, end = programme.get("start_year"), programme.get("end_year")
    if not _missing(start) and not _missing(end):
        return f"{int(start)} to {int(end)}"
    if not _missing(start):
        return f"from {int(start)}"
    return "dates not given in the sources"


def facts_line(programme: Mapping[str, Any]) -> str:
    """Markdown: when, who funded it, which department led it (a link)."""
    parts = ["When: " + escape_md(period_text(programme))]
    if not _missing(programme.get("funder")):
        parts.append("Funded by: " + escape_md(programme["funder"]))
    if not _missing(programme.get("lead_lineage_id")):
        name = str(programme["lead_name_at_the_time"])
        if not _missing(programme.get("lead_abbreviation")):
            name += f" ({programme['lead_abbreviation']})"
        parts.append("Led by: " + links.md("department", programme["lead_lineage_id"], name))
    pilots_count = int(programme["pilots"])
    parts.append(
        f"{pilots_count:,} pilot{'s' if pilots_count != 1 else ''} or case stud"
        f"{'ies' if pilots_count != 1 else 'y'} in the data"
    )
    return " · ".join(parts)


def pilots_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pilot": [links.md("pilot", r["pilot_id"], r["pilot_name"]) for r in rows],
            "Place": [links.md("place", r["place_id"], r["place_name"]) for r in rows],
            "When": [escape_md(pilots.when_text(r.get("start_date"), r.get("end_date"))) for r in rows],
            "Results": [result_tables.output_count_text(r) for r in rows],
            "Source": [links.source_md(r) for r in rows],
        }
    )


def places_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Place": [links.md("place", r["place_id"], r["place_name"]) for r in rows],
            "Type of place": [escape_md(words.place_type(r["kind"])) for r in rows],
            "Named as": [escape_md(r["role"]) for r in rows],
            "Source": [links.source_md(r) for r in rows],
        }
    )


def departments_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Department (name at the time)": [
                links.md("department", r["lineage_id"], pilots.department_name(r)) for r in rows
            ],
            "Role": [escape_md(pilots.DEPARTMENT_ROLES.get(r["role"], r["role"])) for r in rows],
            "Pilots": [int(r["pilots"]) for r in rows],
            "Known today as": [
                "" if r["current_name"] == r["name_at_the_time"] else escape_md(r["current_name"])
                for r in rows
            ],
        }
    )


def findings_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Barrier": [links.md("barrier", r["barrier_id"], r["barrier_name"]) for r in rows],
            "Finding (in our words)": [escape_md(r["finding"]) for r in rows],
            "Figure": ["" if _missing(r.get("value")) else escape_md(charts.share_text(r)) for r in rows],
            "Where": [
                links.md("place", r.get("place_id"), r.get("place_name")) or "across the programme"
                for r in rows
            ],
            "Source": [links.source_md(r) for r in rows],
        }
    )


def funding_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    def amount(r: Mapping[str, Any]) -> str:
        if r["status"] == "not reported" or _missing(r.get("amount_gbp")):
            return formatting.NO_FIGURE
        return formatting.qualified(r["amount_gbp"], r.get("amount_qualifier"), "GBP")

    return pd.DataFrame(
        {
            "From": [links.md("department", r.get("from_lineage_id"), r["from_body"]) for r in rows],
            "To": [links.md("place", r.get("to_place_id"), r["to_body"]) for r in rows],
            "Amount": [escape_md(amount(r)) for r in rows],
            "Kind": [escape_md(r["flow_kind"]) for r in rows],
            "Period": ["" if _missing(r.get("period")) else escape_md(r["period"]) for r in rows],
            "Note": [escape_md(r["note"]) for r in rows],
            "Source": [links.source_md(r) for r in rows],
        }
    )


def results_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Every text cell escaped, then names with an id made links (escaped by links.md)."""
    return links.link_results(pilots.escaped(result_tables.results_frame(rows)), rows)
