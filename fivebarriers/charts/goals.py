"""Each result against its own goal: the chart on the Overview, Barriers,
Places and Departments pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers.charts import formatting, rows, style

AXIS_TITLE = "Result as % of its own goal (100% = the goal)"
METHOD = (
    "Pilots measured different things, so no result is compared with another pilot's: each bar is "
    "one result as a percentage of its own goal (the lower end of a range). Results without a goal "
    "are in the table on the page, not on this chart. A result that was not reported has no bar and "
    "says so."
)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def progress_against_goals(
    results: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str
) -> style.Chart:
    """Each result as a percentage of its own goal (a range's lower end = 100%).

    Pilots measure different things, so this compares each with its own
    target, never one place's count with another's."""
    results = list(results)
    pct = [formatting.percent_of_goal(r) for r in results]
    sentences = [formatting.result_sentence(r) for r in results]
    expected = [r.get("kind") == "expected" for r in results]
    labels = [
        rows.label_text(f"{r['pilot_name']}: {r['measure']}", s)
        for r, s in zip(results, sentences, strict=True)
    ]
    layout_rows = rows.place(labels)
    shapes, band_tops = [], []
    half = rows.BAR_PX / 2 + 3
    for centre, r in zip(layout_rows.centres, results, strict=True):
        low, high = r.get("target_low"), r.get("target_high")
        if _missing(low) or float(low) <= 0:
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
    axis_title = style.wrap(AXIS_TITLE, style.SOURCE_WIDTH) + "<br>" + _key_line(shapes, any(expected))
    lay = style.layout(int(layout_rows.height), source, below_plot=style.below_axis(axis_title))
    lay["annotations"] = rows.label_annotations(labels, layout_rows) + lay["annotations"]
    lay["shapes"] = shapes
    lay["xaxis"] = style.axis(
        axis_title, range=style.value_range(pct + band_tops, at_least=100), ticksuffix="%"
    )
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
            "% of goal": [f"{p:.0f}%" if p is not None else "not reported" for p in pct],
            "Kind": [r.get("kind") for r in results],
            "Status": [r.get("status") for r in results],
            "Source": [f"{r.get('source_title')}: {r.get('locator')}" for r in results],
        }
    )
    definitions = (style.GOAL_DEFINITION, style.NOT_REPORTED_DEFINITION, style.EXPECTED_DEFINITION)
    linked = {
        "Pilot": ("pilot", [r.get("pilot_id") for r in results]),
        "Place": ("place", [r.get("place_id") for r in results]),
    }
    return style.Chart(
        fig, headline, subtitle, source, alt, table, METHOD,
        (*definitions, style.QUALIFIER_DEFINITION), links=linked,
    )  # fmt: skip


def _key_line(shapes: list[dict[str, Any]], any_expected: bool) -> str:
    # Say only what is drawn: no "shaded" without a band.
    parts = ["dotted line = goal"]
    if any(s["type"] == "rect" for s in shapes):
        parts.append("shaded = goal range")
    if any_expected:
        parts.append("hatched = expected")
    # Wrapped between parts, never inside one ("hatched =" / "expected").
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + len(part) + 2 > style.SOURCE_WIDTH:
            lines[-1] += ";"
            lines.append(part)
        else:
            lines[-1] += f"; {part}"
    return "<br>".join(style.escape(line) for line in lines)


def _shape(kind: str, x0: float, x1: float, y0: float, y1: float, **extra: Any) -> dict[str, Any]:
    shape = {"type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "xref": "x", "yref": "y", **extra}
    if kind == "rect":
        shape.update(line={"width": 0}, layer="below")
    return shape
