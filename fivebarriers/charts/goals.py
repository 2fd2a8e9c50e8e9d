"""Each result against its own goal: the chart on the Overview, Barriers,
Places and Departments pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import evidence, words
from fivebarriers.charts import formatting, rows, style

AXIS_TITLE = "% of goal reached (100% = goal met)"
AXIS_TITLE_IN_WORDS = "Each result against its own goal (no percentages: a goal here counted something else)"
METHOD = (
    "Each bar shows how much of its goal a result reached. Where the goal was a range, we use the bottom "
    "of the range. Pilots measured different things, so no result is compared with another pilot's. "
    "A result is drawn against its goal only when the goal counts the same thing, or when the report "
    "itself compares them: then the chart says it is the report's judgement, and why it needs care. "
    "Results without a goal are in the table on the page. A result with no figure published has no bar "
    "and says so."
)


def progress_against_goals(
    results: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str
) -> style.Chart:
    """Each result as a percentage of its own goal (a range's lower end = 100%).

    Pilots measure different things, so this compares each with its own
    target, never one place's count with another's."""
    results = list(results)
    pct = [formatting.percent_of_goal(r) for r in results]
    sentences = [formatting.result_sentence(r) for r in results]
    strengths = [evidence.label(r.get("evidence_strength")) for r in results]
    expected = [r.get("kind") == "expected" for r in results]
    labels = [
        rows.label_text(f"{r['pilot_name']}: {r['measure']}", f"{s} · {e}" if e else s)
        for r, s, e in zip(results, sentences, strengths, strict=True)
    ]
    layout_rows = rows.place(labels)
    shapes, band_tops = [], []
    half = rows.BAR_PX / 2 + 3
    for centre, r in zip(layout_rows.centres, results, strict=True):
        low, high = r.get("target_low"), r.get("target_high")
        # A goal is drawn only where the result is drawn against it.
        if not formatting.compared(r) or float(low) <= 0:
            continue
        top = 100.0 * float(high) / float(low)
        band_tops.append(top)
        if top > 100:
            shapes.append(_shape("rect", 100, top, centre - half, centre + half, fillcolor=style.TARGET_BAND))
        shapes.append(
            _shape(
                "line",
                100,
                100,
                centre - half,
                centre + half,
                line={"color": style.ORANGE, "width": 3, "dash": "dot"},
            )
        )
    trace = rows.bar_trace(
        pct,
        layout_rows,
        sentences,
        colours=[style.TURQUOISE if e else style.DARK_BLUE for e in expected],
        patterns=["/" if e else "" for e in expected],
    )
    # A comparison the report makes in words, for a goal that counted something
    # else, is drawn as the report makes it (the bar past the goal line) but
    # never read off as a percentage (review §5): the axis then marks the goal,
    # not percentages, and each label gives the two numbers.
    in_words = any(formatting.compared(r) and not formatting.same_measure(r) for r in results)
    title = AXIS_TITLE_IN_WORDS if in_words else AXIS_TITLE
    axis_title = style.wrap(title, style.SOURCE_WIDTH) + "<br>" + _key_line(shapes, any(expected))
    lay = style.layout(int(layout_rows.height), source, below_plot=style.below_axis(axis_title))
    lay["annotations"] = rows.label_annotations(labels, layout_rows) + lay["annotations"]
    lay["shapes"] = shapes
    value_range = style.value_range(pct + band_tops, at_least=100)
    ticks = {"tickvals": [0, 100], "ticktext": ["0", "goal"]} if in_words else {"ticksuffix": "%"}
    lay["xaxis"] = style.axis(axis_title, range=value_range, **ticks)
    lay["yaxis"] = rows.y_axis(layout_rows)
    fig = style.figure([trace], lay)
    alt = (
        f"{headline}. "
        + "; ".join(
            f"{r['pilot_name']}, {r['measure']}: {s}" for r, s in zip(results, sentences, strict=True)
        )
        + "."
    )
    table = pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in results],
            "Place": [r.get("place_name") or "" for r in results],
            "Measure": [r["measure"] for r in results],
            "Result": sentences,
            "Goal": [
                formatting.target(
                    r.get("target_low"), r.get("target_high"), r.get("target_qualifier"), r.get("unit")
                )
                or "no goal stated"
                for r in results
            ],
            "% of goal": [formatting.percent_text(r) for r in results],
            "Type": [formatting.result_type(r) for r in results],
            "Figure published": [formatting.figure_published(r) for r in results],
            "Strength of evidence": strengths,
            "The report's judgement": [formatting.judgement_line(r) for r in results],
            "Source": [f"{r.get('source_title')}: {r.get('locator')}" for r in results],
        }
    )
    definitions = tuple(words.glossary_lines(words.GOAL_CHART_WORDS))
    linked = {
        "Pilot": ("pilot", [r.get("pilot_id") for r in results]),
        "Place": ("place", [r.get("place_id") for r in results]),
    }
    return style.Chart(
        fig, headline, subtitle, source, alt, table, METHOD,
        definitions, links=linked,
    )  # fmt: skip


def _key_line(shapes: list[dict[str, Any]], any_expected: bool) -> str:
    # Say only what is drawn: no "shaded" without a band.
    parts = ["Dotted line: goal."]
    if any(s["type"] == "rect" for s in shapes):
        parts.append("Shaded: goal range.")
    if any_expected:
        parts.append("Hatched: forecast.")
    # Wrapped between parts, never inside one ("Hatched:" / "forecast.").
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + len(part) + 1 > style.SOURCE_WIDTH:
            lines.append(part)
        else:
            lines[-1] += f" {part}"
    return "<br>".join(style.escape(line) for line in lines)


def _shape(kind: str, x0: float, x1: float, y0: float, y1: float, **extra: Any) -> dict[str, Any]:
    shape = {"type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "xref": "x", "yref": "y", **extra}
    if kind == "rect":
        shape.update(line={"width": 0}, layer="below")
    return shape
