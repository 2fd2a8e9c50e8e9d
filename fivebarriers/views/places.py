"""Words, tables and maps for the Places page.

A place's view covers the place and everything within it (place_lineage),
so Liverpool shows the Good Help Hub in Croxteth and a region shows its towns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import charts, formatting, geo
from fivebarriers.views import result_tables

DEFAULT_PLACE = "liverpool"
MAP_SOURCE = "Places: Five Barriers reference data (approximate centroids, ref-ons-geography)"

# Where each label sits beside its point, so that close places (Liverpool and
# Whiston, the North East, London) do not print over each other.
LABEL_POSITIONS = {
    "liverpool": "middle left",
    "cheshire-west-and-chester": "middle left",
    "whiston": "bottom right",
    "greater-manchester": "top right",
    "bradford": "top right",
    "wakefield": "middle right",
    "northumberland": "middle left",
    "newcastle": "top right",
    "sunderland": "bottom right",
    "county-durham": "middle left",
    "southwark": "bottom left",
    "hackney": "top left",
    "west-london-tri-borough": "middle left",
    "luton": "top left",
    "cornwall": "middle left",
    # At 390 px the right edge is close: these read inwards (review L12).
    "east-sussex": "middle left",
    "essex": "top center",
}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def options(places: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """'Liverpool (local authority, in Liverpool City Region)' keyed by place_id."""
    out = {}
    for p in places:
        within = "" if _missing(p.get("parent_name")) else f", in {p['parent_name']}"
        out[p["place_id"]] = f"{p['name']} ({words.place_type(p['kind'])}{within})"
    return out


def _labelled(points: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Label each point, except one whose parent is also drawn (Croxteth sits
    on Liverpool's point; its name is in the hover text and the table)."""
    drawn = {p["place_id"] for p in points}
    out = []
    for p in points:
        point = dict(p)
        point["label_position"] = LABEL_POSITIONS.get(p["place_id"], "middle right")
        if p.get("parent_id") in drawn:
            point["label"] = ""
        out.append(point)
    return out


def uk_map(points: Sequence[Mapping[str, Any]]) -> charts.Chart:
    near, _ = geo.split_by_bounds(points, geo.UK_BOUNDS)
    with_pilot = sum(1 for p in near if int(p["pilots"]) > 0)
    named_only = sum(1 for p in near if int(p["pilots"]) == 0 and int(p["programmes"]) > 0)
    headline = f"Pilots ran in {formatting.plural(with_pilot, 'place')} in the UK"
    if named_only:
        headline += (
            f". The reports name {named_only} more place{'s' if named_only != 1 else ''} "
            "without describing a pilot there"
        )
    # No "hover": on a touch screen there is none (review L12).
    subtitle = (
        "A pilot in a neighbourhood or town is shown at the place a programme worked in "
        "(Liverpool: pilot in Croxteth). Select a place on the map, or choose one in the Place "
        "list, to see what happened there."
    )
    return charts.place_map(
        _labelled(near),
        geo.outline("british_isles"),
        geo.frame(near),
        headline,
        subtitle,
        f"{MAP_SOURCE}. {geo.provenance()}",
        height=1100,
    )


def wide_map(points: Sequence[Mapping[str, Any]]) -> charts.Chart | None:
    _, far = geo.split_by_bounds(points, geo.UK_BOUNDS)
    if not far:
        return None
    names = ", ".join(p["name"] for p in far)
    headline = f"{len(far)} case stud{'y' if len(far) == 1 else 'ies'} from outside the UK: {names}"
    subtitle = "International examples the sources draw on (InnoSI and Harlem Children's Zone)"
    return charts.place_map(
        far,
        geo.outline("wide"),
        geo.WIDE_BOUNDS,
        headline,
        subtitle,
        f"{MAP_SOURCE}. {geo.provenance()}",
        height=520,
    )


def maps(points: Sequence[Mapping[str, Any]]) -> tuple[charts.Chart, charts.Chart | None]:
    """The UK map and the map of places abroad (None when there are none)."""
    return uk_map(points), wide_map(points)


def breadcrumb(hierarchy: Sequence[Mapping[str, Any]], place: Mapping[str, Any]) -> str:
    """'United Kingdom › England › North West › Liverpool City Region › Liverpool'."""
    above = sorted((h for h in hierarchy if h["relation"] == "within"), key=lambda h: -int(h["depth"]))
    return " › ".join([*(h["name"] for h in above), str(place["name"])])


def children_text(hierarchy: Sequence[Mapping[str, Any]]) -> str | None:
    below = [h for h in hierarchy if h["relation"] == "contains"]
    if not below:
        return None
    return ", ".join(f"{h['name']} ({words.place_type(h['kind'])})" for h in below)


def facts(place: Mapping[str, Any]) -> list[str]:
    """'Type of place: council area' and, at the foot, the ONS area code."""
    lines = [f"Type of place: {words.place_type(place['kind'])}"]
    if not _missing(place.get("gss_code")):
        lines.append(f"ONS area code: {place['gss_code']}")
    return lines


def when_text(row: Mapping[str, Any]) -> str:
    """A pilot's own dates, or, when the source gives none, the programme it ran
    within ('ran within PfPP, February 2021 to March 2023'): never the
    programme's dates passed off as the pilot's."""
    start, end = row.get("start_date"), row.get("end_date")
    if not _missing(start) or not _missing(end):
        first = "" if _missing(start) else pd.Timestamp(start).strftime("%B %Y")
        last = "" if _missing(end) else pd.Timestamp(end).strftime("%B %Y")
        return f"{first or 'start not given'} to {last or 'end not given'}"
    note = row.get("dates_note")
    if not _missing(note) and str(note).strip():
        return str(note).strip()  # what the source says about timing (audit N11)
    period = row.get("programme_period")
    text = "" if _missing(period) else str(period).strip()
    if not text or "not given" in text.lower() or text.lower() == "various":
        return "Dates not given in the sources"
    return f"Dates not given ({row['programme_name']} ran from {text})"


def pilots_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in rows],
            "Where": [r["place_name"] for r in rows],
            "Programme": [r["programme_name"] for r in rows],
            "When": [when_text(r) for r in rows],
            "What it did (our words)": [r["summary"] for r in rows],
            "Barriers": [barriers_cell(r) for r in rows],
            "How we know the barriers": [how_we_know_cell(r) for r in rows],
            "Results": [result_tables.output_count_text(r) for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def figures_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """queries/place_figures.sql as a table: text only (links.linked escapes
    it and links each Place and Source). A figure the source gives beside the
    place's own for comparison is labelled so ("for comparison")."""
    return pd.DataFrame(
        {
            "Place": [r["place_name"] for r in rows],
            "Measure": [r["measure"] + (" (for comparison)" if r["beside"] else "") for r in rows],
            "Figure": [formatting.with_unit(r["value"], r.get("qualifier"), r["unit"]) for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def departments_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Department (name at the time)": [
                r["name_at_the_time"] + ("" if _missing(r.get("abbreviation")) else f" ({r['abbreviation']})")
                for r in rows
            ],
            "Today": [r["current_name"] for r in rows],
            "Role": [words.DEPARTMENT_ROLES.get(str(r["role"]), str(r["role"])) for r in rows],
            "Pilot": [r["pilot_name"] for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def barriers_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Barrier": [r["barrier_name"] for r in rows],
            "Finding (in our words)": [r["finding"] for r in rows],
            "Figure": ["" if _missing(r.get("value")) else charts.share_text(r) for r in rows],
            "Where": [r["place_name"] for r in rows],
            "Report links it to this barrier": [_basis_cell(r.get("basis")) for r in rows],
            "Sources disagree": [r.get("disputed_note") or "" for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )
    if not any(isinstance(d, str) and d.strip() for d in frame["Sources disagree"]):
        frame = frame.drop(columns=["Sources disagree"])  # only when a row uses it (C8 37)
    return frame


def _basis_cell(basis: Any) -> str:
    """'Yes' when the report links the finding to the barrier, else 'Our judgement' (C8 49)."""
    if _missing(basis) or not basis:
        return ""
    return "Yes" if basis == "stated in source" else "No: our judgement"


def _names(value: Any) -> list[str]:
    return [] if _missing(value) or not value else [n.strip() for n in str(value).split(",") if n.strip()]


def barriers_cell(row: Mapping[str, Any]) -> str:
    """'Tackled structures. Held back by data-sharing.' (review C8 45)."""
    tackled, held = _names(row.get("barriers_tackled")), _names(row.get("barriers_held_back"))
    return words.barrier_roles_cell(tackled, held) or "None in the sources"


def how_we_know_cell(row: Mapping[str, Any]) -> str:
    """'The report says so', or which links are our judgement."""
    if not _names(row.get("barriers_tackled")) and not _names(row.get("barriers_held_back")):
        return ""
    judged = _names(row.get("barriers_our_judgement"))
    if not judged:
        return "The report says so"
    return "Our judgement: " + words.join_and(judged).lower()


def programmes_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Programme": [r["programme_name"] for r in rows],
            "Names": [r["listed_place"] for r in rows],
            "Which is": [r["relation"] for r in rows],
            "As": [r["role"] for r in rows],
            "When": [r["period_note"] for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def including_name(place: Mapping[str, Any], hierarchy: Sequence[Mapping[str, Any]] = ()) -> str:
    """'Liverpool, including Croxteth': a place's view holds the places within it."""
    within = [str(h["name"]) for h in hierarchy if h["relation"] == "contains"]
    name = str(place["name"])
    if within:
        shown = ", ".join(within[:3]) + (f" and {len(within) - 3:,} more" if len(within) > 3 else "")
        name += f", including {shown}"
    return name


def summary_line(
    place: Mapping[str, Any],
    pilots: int,
    results: int,
    findings: int,
    hierarchy: Sequence[Mapping[str, Any]] = (),
    programmes: Sequence[Mapping[str, Any]] = (),
) -> str:
    """'Liverpool, including Croxteth: 1 pilot, 4 results and 2 findings about barriers.' (C8 42);
    'Sunderland was a pilot place in PfPP. The reports describe no pilot, results or barriers
    there.' when there is nothing (C8 43), saying first why the place is in the data."""
    if not pilots and not results and not findings:
        listed = [
            f"a {p['role']} in {p['programme_name']}" for p in programmes if p["relation"] == "this place"
        ]
        if listed:
            return (
                f"{place['name']} was {words.join_and(listed)}. "
                "The reports describe no pilot, results or barriers there."
            )
        return f"The reports describe no pilot, results or barriers in {place['name']}."
    name = including_name(place, hierarchy)
    counts = [
        formatting.plural(pilots, "pilot"),
        formatting.plural(results, "result"),
        formatting.plural(findings, "finding") + " about barriers",
    ]
    return f"{name}: {counts[0]}, {counts[1]} and {counts[2]}."
