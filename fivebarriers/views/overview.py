"""Words and figures for the Overview page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import bars, charts, formatting

HEADLINE_LIMIT = 12

# Audit N4: the guidance claims "a growing evidence base", not that pilots got past
# every barrier; the 2017 review found earlier English programmes met the same ones.
INTRO = (
    "The Partnerships for People and Place programme (2021–2023) put central government teams "
    "alongside councils in 13 places. It found five barriers that keep Whitehall and places from "
    "working together, and examples of pilots that worked round them. Earlier programmes in England "
    "met the same barriers. Every figure here links back to the document and section it comes from."
)


def in_short(reach: Sequence[Mapping[str, Any]], goal_headline: str, goal_notes: Sequence[str]) -> list[str]:
    """The page's two answers in a few plain sentences, for the first screen:
    where the barriers came up (one short line, so it stays on a phone's first
    screen), then whether pilots met their goals, with the report's own
    judgement and its caveat where the report compares a result with its goal."""
    lines = []
    if reach:
        where = reach_headline(reach) + "."
        source = source_count_text(reach[0]) if int(reach[0]["places"]) else None
        if source:
            where += f" ({source}.)"
        lines.append(where)
    if goal_headline:
        lines.append(goal_headline if goal_headline.endswith(".") else goal_headline + ".")
    return lines + list(goal_notes)


def headline_metrics(counts: Mapping[str, Any]) -> list[tuple[str, str]]:
    """One count of places (PfPP's, the one the intro quotes); the wider count is in the note."""
    metrics = [
        ("Programmes", f"{int(counts['programmes']):,}"),
        ("Pilots", f"{int(counts['pilots']):,}"),
    ]
    if int(counts.get("pfpp_places") or 0):
        metrics.append(("PfPP places", f"{int(counts['pfpp_places']):,}"))
    else:
        metrics.append(("Places", f"{int(counts['places']):,}"))
    metrics += [
        ("Results", f"{int(counts['outputs']):,}"),
        ("No figure published", f"{int(counts['not_reported']):,}"),
    ]
    return metrics


def programmes_note(counts: Mapping[str, Any]) -> str:
    """What "Programmes" counts (audit N17): programmes with pilots, never a
    grouping of independent initiatives or a programme the sources only cite."""
    programmes = int(counts["programmes"])
    text = f"Programmes counts the {formatting.plural(programmes, 'programme')} with pilots in the data"
    groupings = str(counts.get("groupings") or "")
    if groupings:
        text += f", plus {groupings} (projects outside any programme, counted as pilots only)"
    return text + "."


def metrics_note(counts: Mapping[str, Any]) -> str:
    """What the figures count, one idea a sentence, so no one quotes 26 places as PfPP's
    or counts forecasts as achievements."""
    outputs, reported = int(counts["outputs"]), int(counts["reported"])
    expected = int(counts["expected"])
    places = formatting.plural(int(counts["places"]), "place")
    text = (
        programmes_note(counts) + f" The data covers {places}, from whole countries to single neighbourhoods."
    )
    if int(counts.get("pfpp_places") or 0):
        text += f" PfPP worked in {int(counts['pfpp_places']):,} of them."
    text += (
        f" Of the {formatting.plural(outputs, 'result')}, {reported:,} "
        f"{'has' if reported == 1 else 'have'} a figure and {int(counts['not_reported']):,} "
        f"{'does' if int(counts['not_reported']) == 1 else 'do'} not."
    )
    if expected:
        text += (
            f" {expected:,} of the {reported:,} with a figure "
            f"{'is a forecast' if expected == 1 else 'are forecasts'} rather than "
            f"{'a result' if expected == 1 else 'results'} already achieved."
        )
    return text


def chart_context(programme_name: str | None) -> str:
    return "all programmes" if programme_name is None else f"programme: {programme_name}"


REACH_SUBTITLE = (
    "Places with a finding about the barrier, or a pilot held back by it. A neighbourhood counts "
    "as the place a programme worked in: Croxteth as Liverpool."
)
REACH_SOURCE = "Five Barriers database: the findings in its sources and the pilots they describe"
REACH_METHOD = (
    "A finding is one statement in a source about a barrier, with or without a figure. It counts "
    "for the place it is about, or for its pilot's place when it names a pilot but no place. A "
    "place is counted at the level a programme worked in: the nearest place at or above it that a "
    "programme names (Croxteth counts as Liverpool, Hastings as East Sussex, Bodmin as Cornwall). "
    "Findings about a whole country are not counted as a place. Each place counts once per barrier, "
    "however many findings or pilots it has. Pilots that tackled a barrier are shown in the table, "
    "not counted in the bars: they show where help was tried, not where the barrier was found. "
    "Where a source gives its own count of places, the label quotes it as the source's."
)


def source_count_text(row: Mapping[str, Any]) -> str | None:
    """'PfPP report: 6 of 13 places': the source's own count, labelled as the source's."""
    if _missing(row.get("source_value")) or _missing(row.get("source_denominator")):
        return None
    figure = bars.share_text(
        {
            "value": row["source_value"],
            "value_qualifier": row.get("source_qualifier"),
            "value_unit": row.get("source_unit"),
            "denominator": row["source_denominator"],
        }
    )
    who = row.get("source_programme")
    return f"{who if not _missing(who) else 'Source'} report: {figure}"


def reach_label(row: Mapping[str, Any]) -> str:
    """'4 places · PfPP report: 6 of 13 places'."""
    text = formatting.plural(int(row["places"]), "place")
    source = source_count_text(row)
    return f"{text} · {source}" if source else text


def reach_headline(rows: Sequence[Mapping[str, Any]]) -> str:
    """'Data-sharing came up in the most places: 4' (rows ranked, most first)."""
    top = int(rows[0]["places"])
    if top == 0:
        return "No place is named for any barrier in the sources"
    leaders = [str(r["name"]) for r in rows if int(r["places"]) == top]
    if len(leaders) == 1:
        return f"{leaders[0]} came up in the most places: {top}"
    names = ", ".join(leaders[:-1]) + f" and {leaders[-1]}"
    return f"{names} came up in the most places: {top} each"


def _names(row: Mapping[str, Any]) -> str:
    names = list(row.get("place_names") or [])
    return ", ".join(names) if names else "none named"


def reach_chart(rows: Sequence[Mapping[str, Any]]) -> charts.Chart:
    """The five barriers ranked by the number of places where each came up (barrier_reach.sql)."""
    ranked = list(rows)
    table = pd.DataFrame(
        {
            "Barrier": [r["name"] for r in ranked],
            "Places where it came up": [int(r["places"]) for r in ranked],
            "Which places": [_names(r) for r in ranked],
            "Places where a pilot tackled it": [int(r["tackled_places"]) for r in ranked],
            "The source's own count": [source_count_text(r) or "none given" for r in ranked],
        }
    )
    return charts.labelled_bars(
        [str(r["name"]) for r in ranked],
        [int(r["places"]) for r in ranked],
        [reach_label(r) for r in ranked],
        reach_headline(ranked),
        REACH_SUBTITLE,
        REACH_SOURCE,
        axis_title="Places where the barrier came up (count)",
        table=table,
        method=REACH_METHOD,
    )


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and bool(pd.isna(value)))


def _ours(count: int) -> str:
    return f" ({count} linked by {words.OUR_JUDGEMENT})" if count else ""


def barrier_caption(barrier: Mapping[str, Any], places: int | None = None) -> str:
    """'Came up in 4 places · 7 findings (3 linked by our judgement) · 2 pilots tackled it ·
    3 recommendations': places first, so a card's biggest number is not read as how widely a
    barrier came up; and how many links are the team's reading, not the source's (audit I5)."""
    parts = [] if places is None else [f"Came up in {formatting.plural(places, 'place')}"]
    pilots = int(barrier["pilots_addressing"])
    parts += [
        formatting.plural(int(barrier["evidence_count"]), "finding")
        + _ours(int(barrier.get("evidence_our_reading") or 0)),
        f"{formatting.plural(pilots, 'pilot')} tackled it"
        + _ours(int(barrier.get("pilots_our_reading") or 0)),
        formatting.plural(int(barrier["recommendation_count"]), "recommendation"),
    ]
    return " · ".join(parts)
