"""Bars that count or share: labelled bars for the pages, the shares of a
whole on the Barriers page, output counts for the Explorer, and the
categorical bars the workshop slides restyle for a projector."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import formatting, rows, style


def labelled_bars(
    categories: Sequence[str],
    values: Sequence[float],
    labels: Sequence[str],
    headline: str,
    subtitle: str,
    source: str,
    axis_title: str,
    colors: Sequence[str] | None = None,
    table: pd.DataFrame | None = None,
    method: str = "",
) -> style.Chart:
    """Bars from zero, each with its category and label written above it."""
    texts = [rows.label_text(c, t) for c, t in zip(categories, labels, strict=True)]
    layout_rows = rows.place(texts)
    trace = rows.bar_trace(values, layout_rows, labels, colours=list(colors) if colors else style.DARK_BLUE)
    title = style.wrap(axis_title, style.SOURCE_WIDTH)
    lay = style.layout(int(layout_rows.height), source, below_plot=style.below_axis(title))
    lay["annotations"] = rows.label_annotations(texts, layout_rows) + lay["annotations"]
    lay["xaxis"] = style.axis(title, range=style.value_range(values), rangemode="tozero")
    lay["yaxis"] = rows.y_axis(layout_rows)
    alt = f"{headline}. " + "; ".join(f"{c}: {t}" for c, t in zip(categories, labels, strict=True)) + "."
    if table is None:
        table = pd.DataFrame({"Category": list(categories), "Value": list(labels)})
    return style.Chart(style.figure([trace], lay), headline, subtitle, source, alt, table, method)


def horizontal_bars(
    categories: Sequence[str],
    values: Sequence[float],
    labels: Sequence[str],
    headline: str,
    subtitle: str,
    source: str,
    axis_title: str,
    colors: Sequence[str] | None = None,
    table: pd.DataFrame | None = None,
) -> style.Chart:
    """Categorical bars labelled at their ends: the shape the workshop slides
    restyle for a projector (one trace, categories on the y axis, the source
    as the last annotation). Pages use `labelled_bars`."""
    trace = {
        "type": "bar",
        "orientation": "h",
        "y": [style.wrap(c) for c in categories],
        "x": list(values),
        "marker": {"color": list(colors) if colors else style.DARK_BLUE},
        "text": [style.escape(t) for t in labels],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{text}<extra></extra>",
    }
    lay = style.layout(150 + 55 * len(categories) - 70, source, right=30)
    top = max([v for v in values if v is not None] or [1])
    lay["xaxis"] = style.axis(style.escape(axis_title), range=[0, top * 1.35])
    lay["yaxis"] = {
        "autorange": "reversed",
        "showgrid": False,
        "color": style.TEXT,
        "tickfont": {"color": style.TEXT, "size": style.TICK_SIZE},
        "automargin": True,
    }
    alt = f"{headline}. " + "; ".join(f"{c}: {t}" for c, t in zip(categories, labels, strict=True)) + "."
    if table is None:
        table = pd.DataFrame({"Category": list(categories), "Value": list(labels)})
    return style.Chart(style.figure([trace], lay), headline, subtitle, source, alt, table)


SHARES_DRAWN = 12
SHARES_METHOD = (
    'Each finding counts part of a whole ("6 of 13 places"). The dark bar is the part, as a '
    "percentage of its own whole; the light bar behind it is the whole (100%). Different findings "
    "count different wholes, so compare each bar with its own light bar, not with the others."
)


def share_axis_title(rows_: Sequence[Mapping[str, Any]]) -> str:
    """'% of places (grey bar = all 13)' when every bar counts the same whole;
    otherwise each bar's own whole (review C8 20: 'all of them' was vague)."""
    wholes = {(str(r.get("value_unit") or ""), float(r["denominator"])) for r in rows_}
    if len(wholes) == 1:
        unit, whole = wholes.pop()
        if unit:
            return f"% of {unit} (grey bar = all {formatting.number(whole)})"
    return "% of each finding's whole (grey bar = the whole)"


def shares_of_whole(
    rows_: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str
) -> style.Chart:
    """Findings that are a share of a whole ("6 of 13 places"), each drawn as a
    bar on a light bar showing the whole, labelled in words with the count, so
    the reader sees both "6 of 13" and how much of the whole that is."""
    every = list(rows_)
    # Hundreds of bars cannot be read (a barrier has ~280 such findings at
    # 10M outputs): draw the first few, list all of them in the table.
    found = every[:SHARES_DRAWN]
    shares = [100.0 * float(r["value"]) / float(r["denominator"]) for r in found]
    figures = [share_text(r) for r in found]
    texts = [
        rows.label_text(r["finding"], f"{w} ({s:.0f}%)")
        for r, w, s in zip(found, figures, shares, strict=True)
    ]
    layout_rows = rows.place(texts)
    whole = rows.bar_trace(
        [100] * len(found), layout_rows, ["the whole"] * len(found), colours=style.GRID, name="The whole"
    )
    del whole["hovertemplate"]
    whole["hoverinfo"] = "skip"
    part = rows.bar_trace(shares, layout_rows, figures, name="Share")
    title = style.wrap(share_axis_title(found), style.SOURCE_WIDTH)
    if len(every) > len(found):
        title += "<br>" + style.wrap(
            f"The first {len(found)} of {len(every):,} findings; all are in the Table tab.",
            style.SOURCE_WIDTH,
        )
    lay = style.layout(int(layout_rows.height), source, below_plot=style.below_axis(title), barmode="overlay")
    lay["annotations"] = rows.label_annotations(texts, layout_rows) + lay["annotations"]
    lay["xaxis"] = style.axis(
        title,
        range=[0, 101],
        tickvals=[0, 25, 50, 75, 100],
        ticktext=["0%", "25%", "50%", "75%", "100%"],
    )
    lay["yaxis"] = rows.y_axis(layout_rows)
    # A finding ends with its own full stop: one, not two (review C8 21).
    alt = (
        f"{headline}. "
        + "; ".join(f"{w}: {str(r['finding']).rstrip('. ')}" for r, w in zip(found, figures, strict=True))
        + "."
    )
    if len(every) > len(found):
        alt += f" {len(every) - len(found):,} more findings of this kind are listed in the table."
    table = pd.DataFrame(
        {
            "Finding": [r["finding"] for r in every],
            "Figure": [share_text(r) for r in every],
            "Share": [f"{100.0 * float(r['value']) / float(r['denominator']):.0f}%" for r in every],
            "Source": [f"{r.get('source_title')}: {r.get('locator')}" for r in every],
        }
    )
    return style.Chart(
        style.figure([whole, part], lay), headline, subtitle, source, alt, table, SHARES_METHOD
    )


def share_text(row: Mapping[str, Any]) -> str:
    """'6 of 13 places'; 'over 26 officials' when there is no whole."""
    figure = formatting.qualified(row["value"], row.get("value_qualifier"))
    unit = row.get("value_unit") or ""
    denominator = row.get("denominator")
    if denominator is None or pd.isna(denominator):
        return f"{figure} {unit}".strip()
    return f"{figure} of {formatting.number(float(denominator))} {unit}".strip()


COUNT_METHOD = (
    "Counts of results in each group, from the database's summary tables. A result with no figure "
    "published is still counted here, and its label says how many have none: a count of results "
    "in the sources, not of achievements."
)


def count_bars(
    rows_: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str, category: str
) -> style.Chart:
    """Outputs per category with reported and not reported both written out:
    the bar is the count of outputs; its label says how many were not reported."""
    counted = list(rows_)
    return labelled_bars(
        [r[category] for r in counted],
        [int(r["outputs"]) for r in counted],
        [count_label(r) for r in counted],
        headline,
        subtitle,
        source,
        axis_title="Results (count)",
        table=pd.DataFrame(
            {
                "Group": [r[category] for r in counted],
                "Results": [int(r["outputs"]) for r in counted],
                "Figure published": [int(r["reported"]) for r in counted],
                "No figure published": [int(r["not_reported"]) for r in counted],
            }
        ),
        method=COUNT_METHOD,
    )


def count_label(row: Mapping[str, Any]) -> str:
    outputs, missing = int(row["outputs"]), int(row["not_reported"])
    text = words.plural(outputs, "result")
    return text + (f" ({missing:,} with {words.NO_FIGURE_PUBLISHED})" if missing else "")
