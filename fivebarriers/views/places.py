"""Words, tables and maps for the Places page.

A place's view covers the place and everything within it (place_lineage),
so Liverpool shows the Good Help Hub in Croxteth and a region shows its towns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

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
        out[p["place_id"]] = f"{p['name']} ({p['kind']}{within})"
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


def breadcrumb(hierarchy: Sequence[Mapping[str, Any]], place: Mapping[str, Any]) -> str:
    """'United Kingdom › England › North West › Liverpool City Region › Liverpool'."""
    above = sorted((h for h in hierarchy if h["relation"] == "within"), key=lambda h: -int(h["depth"]))
    return " › ".join([*(h["name"] for h in above), str(place["name"])])


def children_text(hierarchy: Sequence[Mapping[str, Any]]) -> str | None:
    below = [h for h in hierarchy if h["relation"] == "contains"]
    if not below:
        return None
    return ", ".join(f"{h['name']} ({h['kind']})" for h in below)


def facts(place: Mapping[str, Any]) -> list[str]:
    lines = [f"Kind of place: {place['kind']}"]
    if not _missing(place.get("gss_code")):
        lines.append(f"ONS GSS code: {place['gss_code']} (reference data compiled by the team)")
    else:
        lines.append("ONS GSS code: none (not a statistical area, or outside the UK)")
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
    period = row.get("programme_period")
    text = "" if _missing(period) else str(period).strip()
    if not text or "not given" in text.lower() or text.lower() == "various":
        return "dates not given in the sources"
    return f"own dates not given; ran within {row['programme_name']} ({text})"


def pilots_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in rows],
            "Where": [r["place_name"] for r in rows],
            "Programme": [r["programme_name"] for r in rows],
            "When": [when_text(r) for r in rows],
            "What it did (our words)": [r["summary"] for r in rows],
            "Barriers (role, how we know)": [
                "none recorded" if _missing(r.get("barriers")) else r["barriers"] for r in rows
            ],
            "Results recorded": [result_tables.output_count_text(r) for r in rows],
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
            "Role": [r["role"] for r in rows],
            "Pilot": [r["pilot_name"] for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def barriers_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Barrier": [r["barrier_name"] for r in rows],
            "Finding (in our words)": [r["finding"] for r in rows],
            "Figure": ["" if _missing(r.get("value")) else charts.share_text(r) for r in rows],
            "Where": [r["place_name"] for r in rows],
            "Barrier link": [r.get("basis") or "" for r in rows],
            "Sources disagree": [r.get("disputed_note") or "" for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


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
) -> str:
    """'Liverpool, including Croxteth: 1 pilot, 4 results and 2 findings about barriers.' (C8 42)."""
    name = including_name(place, hierarchy)
    counts = [
        formatting.plural(pilots, "pilot"),
        formatting.plural(results, "result"),
        formatting.plural(findings, "finding") + " about barriers",
    ]
    return f"{name}: {counts[0]}, {counts[1]} and {counts[2]}."
