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


def _year(value: Any) -> int | None:
    return None if _missing(value) else int(value)


def lead_names(programme: Mapping[str, Any], history: Sequence[Mapping[str, Any]]) -> str:
    """The lead department's names over the programme's years, from its history
    (queries/department_history.sql): 'MHCLG, then DLUHC from 19 September 2021'
    for PfPP (audit R5), never the later name alone. The data holds the
    programme's years, so a name counts if it was in use in any of them;
    without both years, or with one name, the name the data links it to."""
    start, end = _year(programme.get("start_year")), _year(programme.get("end_year"))

    def used(row: Mapping[str, Any]) -> bool:
        begun, ended = row.get("valid_from"), row.get("valid_to")
        after_start = _missing(ended) or pd.Timestamp(ended).year >= start
        before_end = _missing(begun) or pd.Timestamp(begun).year <= end
        return after_start and before_end

    # An end not given is unknown, not ongoing: then only the name the data links it to.
    names = [r for r in history if used(r)] if start is not None and end is not None else []
    if len(names) < 2:
        name = str(programme["lead_name_at_the_time"])
        abbreviation = programme.get("lead_abbreviation")
        return name if _missing(abbreviation) else f"{name} ({abbreviation})"

    def short(row: Mapping[str, Any]) -> str:
        return str(row["name"] if _missing(row.get("abbreviation")) else row["abbreviation"])

    text = short(names[0])
    for row in names[1:]:
        text += f", then {short(row)} from {pd.Timestamp(row['valid_from']).strftime('%-d %B %Y')}"
    return text


def facts_line(programme: Mapping[str, Any], lead_history: Sequence[Mapping[str, Any]] = ()) -> str:
    """Markdown: when, who funded it, which department led it (a link), under
    each name it had over the programme's years."""
    parts = ["When: " + escape_md(period_text(programme))]
    if not _missing(programme.get("funder")):
        parts.append("Funded by: " + escape_md(programme["funder"]))
    if not _missing(programme.get("lead_lineage_id")):
        name = lead_names(programme, lead_history)
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
            "When": [
                escape_md(pilots.when_text(r.get("start_date"), r.get("end_date"), r.get("dates_note")))
                for r in rows
            ],
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
