"""CSV templates for the tables an analyst may load: the header and one
example row that passes validation against the curated database."""

from __future__ import annotations

import csv
import io

from fivebarriers.data import tables

EXAMPLES: dict[str, dict[str, str]] = {
    "outputs": {
        "output_id": "ghh-wave2-people-helped",
        "pilot_id": "good-help-hub",
        "measure": "People who used the Hub to ask about public services (second wave)",
        "unit": "people",
        "baseline": "",
        "target_low": "200",
        "target_high": "250",
        "target_qualifier": "",
        "actual": "310",
        "qualifier": "over",
        "kind": "achieved",
        "status": "reported",
        "period_end": "2024-03-31",
        "note": "Example row: replace with your own figures.",
        "goal_same_measure": "true",
        "goal_measure": "",
        "disputed_note": "",
        "source_id": "pfpp-guidance-2024",
        "locator": "Annex: Structures - Pilot success",
    },
    "pilots": {
        "pilot_id": "wakefield-example-pilot",
        "name": "Example pilot, Wakefield",
        "programme_id": "pfpp",
        "place_id": "wakefield",
        "scope": "pilot",
        "start_date": "2021-02-01",
        "end_date": "2023-03-31",
        "summary": "One or two sentences in your own words on what the pilot did.",
        "source_id": "pfpp-guidance-2024",
        "locator": "1. Background",
    },
    "places": {
        "place_id": "example-ward",
        "name": "Example ward",
        "kind": "neighbourhood",
        "parent_id": "wakefield",
        "gss_code": "",
        "lat": "53.68",
        "lon": "-1.50",
        "source_id": "pfpp-guidance-2024",
        "locator": "1. Background",
        "geo_source_id": "ref-ons-geography",
    },
    "barrier_evidence": {
        "evidence_id": "ds-example-finding",
        "barrier_id": "data-sharing",
        "place_id": "wakefield",
        "programme_id": "pfpp",
        "pilot_id": "",
        "finding": "What was found, in your own words.",
        "value": "3",
        "value_qualifier": "exactly",
        "value_unit": "agencies",
        "denominator": "",
        "basis": "stated in source",
        "disputed_note": "",
        "source_id": "pfpp-guidance-2024",
        "locator": "2. The 5 barriers to place-based working: Barrier 4 - Data-sharing",
    },
    "programmes": {
        "programme_id": "example-programme",
        "name": "Example programme",
        "short_name": "Example",
        "start_year": "2024",
        "end_year": "",
        "period_note": "Started 2024",
        "funder": "",
        "lead_department_id": "mhclg-2024",
        "summary": "What the programme is for, in your own words.",
        "source_id": "pfpp-guidance-2024",
        "locator": "Executive summary",
    },
    "pilot_barriers": {
        "pilot_id": "luton-town-centre",
        "barrier_id": "structures",
        "role": "faced",
        "basis": "our reading",
        "source_id": "pfpp-guidance-2024",
        "locator": "Foreword",
    },
    "pilot_departments": {
        "pilot_id": "luton-town-centre",
        "department_id": "mhclg-2024",
        "role": "engaged",
        "source_id": "pfpp-guidance-2024",
        "locator": "Foreword",
    },
}


def template(table: str) -> str:
    """CSV text: header plus one example row."""
    if table not in tables.INGESTABLE:
        raise KeyError(table)
    columns = tables.user_columns(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerow([EXAMPLES[table].get(c, "") for c in columns])
    return out.getvalue()
