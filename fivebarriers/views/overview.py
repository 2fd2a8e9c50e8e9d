"""Words and figures for the Overview page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fivebarriers.charts import formatting

HEADLINE_LIMIT = 12

INTRO = (
    "The Partnerships for People and Place programme (2021–2023) put central government teams "
    "alongside councils in 13 places. It found five barriers that keep Whitehall and places from "
    "working together, and pilots that got past them. Earlier programmes in England and experiments "
    "in Europe point the same way. Every figure here links back to the document and section it comes from."
)


def headline_metrics(counts: Mapping[str, Any]) -> list[tuple[str, str]]:
    metrics = [
        ("Programmes", f"{int(counts['programmes']):,}"),
        ("Pilots and case studies", f"{int(counts['pilots']):,}"),
        ("Places in the data", f"{int(counts['places']):,}"),
    ]
    if int(counts.get("pfpp_places") or 0):
        metrics.append(("PfPP pilot places", f"{int(counts['pfpp_places']):,}"))
    metrics += [
        ("Results recorded", f"{int(counts['outputs']):,}"),
        ("Results not reported", f"{int(counts['not_reported']):,}"),
    ]
    return metrics


def metrics_note(counts: Mapping[str, Any]) -> str:
    """What the figures count, so no one quotes 26 places as PfPP's or 23 results as achievements."""
    outputs, reported = int(counts["outputs"]), int(counts["reported"])
    expected = int(counts["expected"])
    places = formatting.plural(int(counts["places"]), "place")
    text = (
        f"Places: the {places} any pilot or programme in the data works in, countries and "
        "neighbourhoods included"
    )
    if int(counts.get("pfpp_places") or 0):
        text += f"; PfPP itself worked in {formatting.plural(int(counts['pfpp_places']), 'pilot place')}"
    # Audit N17: a forecast is not "not yet achieved" (the £108m was never rolled out).
    missing = int(counts["not_reported"])
    has = "has" if reported == 1 else "have"
    text += f". Of the {formatting.plural(outputs, 'result')}, {reported:,} {has} a figure"
    text += f" and {missing:,} {'does' if missing == 1 else 'do'} not." if missing else "."
    if expected:
        text += (
            f" {expected:,} of the {reported:,} {'is a forecast' if expected == 1 else 'are forecasts'}"
            ", not results achieved."
        )
    return text


def chart_context(programme_name: str | None) -> str:
    return "all programmes" if programme_name is None else f"programme: {programme_name}"


def barrier_caption(barrier: Mapping[str, Any]) -> str:
    return (
        f"{formatting.plural(int(barrier['evidence_count']), 'finding')} in the sources · "
        f"{formatting.plural(int(barrier['pilots_addressing']), 'pilot')} worked on it · "
        f"{formatting.plural(int(barrier['recommendation_count']), 'recommendation')}"
    )
