"""Plotly figures in the Government Analysis Function style (GUIDE §5).

Builders take tidy rows and return a `Chart`: the figure plus its headline,
text alternative and the table of the same data, so no page can draw a
chart without them. Bars start at zero and are labelled directly; targets are
markers or bands on the same axis; expected results are hatched *and* say
"(expected)"; "not reported" is written, never drawn as a zero bar."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from fivebarriers import formatting

DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LILAC = (
    "#12436D",
    "#28A197",
    "#801650",
    "#F46A25",
    "#3D3D3D",
    "#A285D1",
)
CATEGORICAL = (DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LILAC)
SEQUENTIAL = ("#12436D", "#2073BC", "#6BACE6")
TEXT, AXIS, GRID = "#0B0C0C", "#595959", "#D9D9D9"
TARGET_BAND = "rgba(244, 106, 37, 0.18)"  # orange, light enough for text on top
FONT = "Arial, Helvetica, sans-serif"


@dataclass
class Chart:
    figure: go.Figure
    headline: str
    subtitle: str
    source: str
    alt_text: str
    table: pd.DataFrame


def style(fig: go.Figure, headline: str, subtitle: str, source: str, height: int) -> go.Figure:
    fig.update_layout(
        title={
            "text": f"<b>{_escape(headline)}</b><br><span style='font-size:14px;color:{AXIS}'>"
            f"{_escape(subtitle)}</span>",
            "x": 0,
            "xanchor": "left",
            "font": {"size": 19, "color": TEXT, "family": FONT},
        },
        font={"family": FONT, "color": TEXT, "size": 14},
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height,
        margin={"l": 10, "r": 30, "t": 90, "b": 100},
        showlegend=False,
        hoverlabel={"font": {"family": FONT}},
    )
    fig.add_annotation(
        text=_escape(f"Source: {source}"),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-95,
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"size": 12, "color": AXIS},
    )
    return fig


def _escape(text: str) -> str:
    # Plotly renders a subset of HTML in titles; data text must stay text.
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(text: str, width: int = 34) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(_escape(x) for x in lines)


def progress_against_goals(
    rows: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str
) -> Chart:
    """Each result as a percentage of its own goal (a range's lower end = 100%).

    Pilots measure different things, so this compares each with its own
    target, never one place's count with another's."""
    rows = list(rows)
    labels = [_wrap(f"{r['pilot_name']}: {r['measure']}") for r in rows]
    pct = [formatting.percent_of_goal(r) for r in rows]
    sentences = [formatting.result_sentence(r) for r in rows]
    expected = [r.get("kind") == "expected" for r in rows]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[p if p is not None else 0 for p in pct],
            orientation="h",
            marker={
                "color": [TURQUOISE if e else DARK_BLUE for e in expected],
                "pattern": {"shape": ["/" if e else "" for e in expected], "fgcolor": "white"},
            },
            text=[_escape(s) for s in sentences],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{text}<extra></extra>",
            name="Result",
        )
    )
    for i, r in enumerate(rows):
        low, high = r.get("target_low"), r.get("target_high")
        if low is None or pd.isna(low):
            continue
        top = 100.0 * float(high) / float(low)
        if top > 100:
            fig.add_shape(
                type="rect", x0=100, x1=top, y0=i - 0.42, y1=i + 0.42, xref="x", yref="y",
                fillcolor=TARGET_BAND, line={"width": 0}, layer="below",
            )
        fig.add_shape(
            type="line", x0=100, x1=100, y0=i - 0.45, y1=i + 0.45, xref="x", yref="y",
            line={"color": ORANGE, "width": 3, "dash": "dot"},
        )
    reached = [p for p in pct if p is not None] or [100]
    fig.update_xaxes(
        range=[0, max(max(reached), 150) * 1.9],
        title={"text": "Result as % of its own goal (orange dotted line = goal; shaded = intended range)"},
        showgrid=False,
        zeroline=True,
        zerolinecolor=AXIS,
        ticksuffix="%",
        color=AXIS,
    )
    fig.update_yaxes(autorange="reversed", color=TEXT, showgrid=False)
    style(fig, headline, subtitle, source, height=150 + 85 * len(rows))
    alt = f"{headline}. " + "; ".join(
        f"{r['pilot_name']}, {r['measure']}: {s}" for r, s in zip(rows, sentences, strict=True)
    ) + "."
    table = pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in rows],
            "Place": [r.get("place_name") for r in rows],
            "Measure": [r["measure"] for r in rows],
            "Result": sentences,
            "Goal": [
                formatting.target(r.get("target_low"), r.get("target_high"), r.get("target_qualifier"), r.get("unit"))
                for r in rows
            ],
            "Kind": [r.get("kind") for r in rows],
            "Status": [r.get("status") for r in rows],
            "Source": [f"{r.get('source_title')}: {r.get('locator')}" for r in rows],
        }
    )
    return Chart(fig, headline, subtitle, source, alt, table)


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
) -> Chart:
    """Labelled horizontal bars from zero, one colour unless told otherwise."""
    fig = go.Figure(
        go.Bar(
            y=[_wrap(c) for c in categories],
            x=list(values),
            orientation="h",
            marker={"color": list(colors) if colors else DARK_BLUE},
            text=[_escape(t) for t in labels],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    top = max([v for v in values if v is not None] or [1])
    fig.update_xaxes(
        range=[0, top * 1.35], title={"text": axis_title}, showgrid=False, zeroline=True, color=AXIS
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, color=TEXT)
    style(fig, headline, subtitle, source, height=150 + 55 * len(categories))
    alt = f"{headline}. " + "; ".join(f"{c}: {t}" for c, t in zip(categories, labels, strict=True)) + "."
    if table is None:
        table = pd.DataFrame({"Category": list(categories), "Value": list(labels)})
    return Chart(fig, headline, subtitle, source, alt, table)
