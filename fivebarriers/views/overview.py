"""Words and figures for the Overview page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fivebarriers.charts import charts, formatting
from fivebarriers.views import result_tables

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
    text += (
        f". Results: {formatting.plural(outputs, 'result')} recorded, {reported:,} with a figure and "
        f"{int(counts['not_reported']):,} not reported; {expected:,} of them "
        f"{'is' if expected == 1 else 'are'} expected, not yet achieved."
    )
    return text


def headline_chart(
    rows: Sequence[Mapping[str, Any]], counts: Mapping[str, Any], programme_name: str | None
) -> charts.Chart:
    """The headline counts every result with a goal (scope_goal_counts); the
    bars are the HEADLINE_LIMIT the headline is about."""
    context = "all programmes" if programme_name is None else f"programme: {programme_name}"
    return result_tables.goal_chart(rows, counts, context)


def barrier_caption(barrier: Mapping[str, Any]) -> str:
    return (
        f"{formatting.plural(int(barrier['evidence_count']), 'finding')} in the sources · "
        f"{formatting.plural(int(barrier['pilots_addressing']), 'pilot')} worked on it · "
        f"{formatting.plural(int(barrier['recommendation_count']), 'recommendation')}"
    )
