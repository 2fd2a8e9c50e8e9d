"""Words and figures for the Overview page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fivebarriers.charts import charts

HEADLINE_LIMIT = 12

INTRO = (
    "The Partnerships for People and Place programme (2021–2023) put central government teams "
    "alongside councils in 13 places. It found five barriers that keep Whitehall and places from "
    "working together, and pilots that got past them. Earlier programmes in England and experiments "
    "in Europe point the same way. Every figure here links back to the document and section it comes from."
)


def headline_metrics(counts: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        ("Programmes", f"{int(counts['programmes']):,}"),
        ("Pilots and case studies", f"{int(counts['pilots']):,}"),
        ("Places", f"{int(counts['places']):,}"),
        ("Results recorded", f"{int(counts['outputs']):,}"),
        ("Results not reported", f"{int(counts['not_reported']):,}"),
    ]


def headline_chart(rows: Sequence[Mapping[str, Any]], programme: str | None) -> charts.Chart:
    beat = [r for r in rows if r["status"] == "reported" and r["actual"] > r["target_high"]]
    if beat:
        best = max(beat, key=lambda r: r["actual"] / r["target_high"])
        headline = (
            f"{best['pilot_name']} went furthest past its goal; "
            f"{len(beat)} of {len(rows)} results with a target beat it"
        )
    else:
        headline = f"None of the {len(rows)} results with a target beat it"
    sources = sorted({r["source_title"] for r in rows})
    subtitle = "Each result against its own goal, as a percentage of the goal (lower end of a range)"
    if programme:
        subtitle += f"; programme: {rows[0]['programme_name']}"
    return charts.progress_against_goals(rows, headline, subtitle, "; ".join(sources))


def barrier_caption(barrier: Mapping[str, Any]) -> str:
    return (
        f"{barrier['evidence_count']} findings in the sources · "
        f"{barrier['pilots_addressing']} pilots worked on it · "
        f"{barrier['recommendation_count']} recommendations"
    )
