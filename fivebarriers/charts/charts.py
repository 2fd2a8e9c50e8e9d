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

from fivebarriers.charts import formatting

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
HEADLINE_WIDTH, SOURCE_WIDTH = 85, 140  # characters per line before wrapping


@dataclass
class Chart:
    figure: go.Figure
    headline: str
    subtitle: str
    source: str
    alt_text: str
    table: pd.DataFrame


def style(fig: go.Figure, headline: str, subtitle: str, source: str, height: int) -> go.Figure:
    # Long headlines and source lines wrap (a laptop is ~900px wide for the
    # chart); the margins grow with them so nothing is cut off.
    head_lines = _wrap(headline, HEADLINE_WIDTH).count("<br>")
    source_lines = _wrap(f"Source: {source}", SOURCE_WIDTH).count("<br>")
    fig.update_layout(
        title={
            "text": f"<b>{_wrap(headline, HEADLINE_WIDTH)}</b><br><span style='font-size:14px;color:{AXIS}'>"
            f"{_escape(subtitle)}</span>",
            "x": 0,
            "xanchor": "left",
            "font": {"size": 19, "color": TEXT, "family": FONT},
        },
        font={"family": FONT, "color": TEXT, "size": 14},
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height + 24 * head_lines + 16 * source_lines,
        margin={"l": 10, "r": 30, "t": 90 + 24 * head_lines, "b": 100 + 16 * source_lines},
        showlegend=False,
        hoverlabel={"font": {"family": FONT}},
    )
    fig.add_annotation(
        text=_wrap(f"Source: {source}", SOURCE_WIDTH),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-95 - 16 * source_lines,
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        align="left",
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
                type="rect",
                x0=100,
                x1=top,
                y0=i - 0.42,
                y1=i + 0.42,
                xref="x",
                yref="y",
                fillcolor=TARGET_BAND,
                line={"width": 0},
                layer="below",
            )
        fig.add_shape(
            type="line",
            x0=100,
            x1=100,
            y0=i - 0.45,
            y1=i + 0.45,
            xref="x",
            yref="y",
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
    alt = (
        f"{headline}. "
        + "; ".join(f"{r['pilot_name']}, {r['measure']}: {s}" for r, s in zip(rows, sentences, strict=True))
        + "."
    )
    table = pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in rows],
            "Place": [r.get("place_name") for r in rows],
            "Measure": [r["measure"] for r in rows],
            "Result": sentences,
            "Goal": [
                formatting.target(
                    r.get("target_low"), r.get("target_high"), r.get("target_qualifier"), r.get("unit")
                )
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


def shares_of_whole(rows: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str) -> Chart:
    """Findings that are a share of a whole ("6 of 13 places"), each drawn as a
    bar on a light bar showing the whole, labelled in words with the count, so
    the reader sees both "6 of 13" and how much of the whole that is."""
    rows = list(rows)
    labels = [_wrap(r["finding"], 46) for r in rows]
    shares = [100.0 * float(r["value"]) / float(r["denominator"]) for r in rows]
    words = [share_text(r) for r in rows]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[100] * len(rows),
            orientation="h",
            marker={"color": GRID},
            hoverinfo="skip",
            name="The whole",
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=shares,
            orientation="h",
            marker={"color": DARK_BLUE},
            text=[_escape(w) for w in words],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{text}<extra></extra>",
            name="Share",
        )
    )
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(
        range=[0, 135],
        title={"text": "Share of the whole (light bar = all of them)"},
        ticksuffix="%",
        tickvals=[0, 25, 50, 75, 100],
        showgrid=False,
        zeroline=True,
        zerolinecolor=AXIS,
        color=AXIS,
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, color=TEXT)
    style(fig, headline, subtitle, source, height=170 + 70 * len(rows))
    alt = f"{headline}. " + "; ".join(f"{w}: {r['finding']}" for r, w in zip(rows, words, strict=True)) + "."
    table = pd.DataFrame(
        {
            "Finding": [r["finding"] for r in rows],
            "Figure": words,
            "Share": [f"{s:.0f}%" for s in shares],
            "Source": [f"{r.get('source_title')}: {r.get('locator')}" for r in rows],
        }
    )
    return Chart(fig, headline, subtitle, source, alt, table)


def share_text(row: Mapping[str, Any]) -> str:
    """'6 of 13 places'; 'over 26 officials' when there is no whole."""
    figure = formatting.qualified(row["value"], row.get("value_qualifier"))
    unit = row.get("value_unit") or ""
    denominator = row.get("denominator")
    if denominator is None or pd.isna(denominator):
        return f"{figure} {unit}".strip()
    return f"{figure} of {formatting.number(float(denominator))} {unit}".strip()


def count_bars(
    rows: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str, category: str
) -> Chart:
    """Outputs per category with reported and not reported both written out:
    the bar is the count of outputs; its label says how many were not reported."""
    rows = list(rows)
    labels = [count_label(r) for r in rows]
    return horizontal_bars(
        [r[category] for r in rows],
        [int(r["outputs"]) for r in rows],
        labels,
        headline,
        subtitle,
        source,
        axis_title="Outputs recorded",
        table=pd.DataFrame(
            {
                "Group": [r[category] for r in rows],
                "Outputs": [int(r["outputs"]) for r in rows],
                "Reported": [int(r["reported"]) for r in rows],
                "Not reported": [int(r["not_reported"]) for r in rows],
            }
        ),
    )


def count_label(row: Mapping[str, Any]) -> str:
    outputs, missing = int(row["outputs"]), int(row["not_reported"])
    noun = "output" if outputs == 1 else "outputs"
    text = f"{outputs:,} {noun}"
    return text + (f" ({missing:,} not reported)" if missing else " (all reported)")


def count_grid(
    rows: Sequence[Mapping[str, Any]],
    headline: str,
    subtitle: str,
    source: str,
    row_title: str,
    column_title: str,
) -> Chart:
    """A two-way count table drawn as a grid: each cell's number is written in
    it (shade only repeats it), with the not-reported count beside it."""
    rows = list(rows)
    row_labels = list(dict.fromkeys(r["row_label"] for r in rows))
    column_labels = list(dict.fromkeys(r["column_label"] for r in rows))
    cells = {(r["row_label"], r["column_label"]): r for r in rows}
    z, text = [], []
    for row_label in row_labels:
        z_row, text_row = [], []
        for column_label in column_labels:
            cell = cells.get((row_label, column_label))
            if cell is None:
                z_row.append(0)
                text_row.append("")  # no output here: a blank cell, not a word
            else:
                z_row.append(int(cell["outputs"]))
                missing = int(cell["not_reported"])
                note = f"<br>({missing:,} not reported)" if missing else ""
                text_row.append(f"{int(cell['outputs']):,}{note}")
        z.append(z_row)
        text.append(text_row)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(c, 18) for c in column_labels],
            y=[_wrap(r, 30) for r in row_labels],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 14, "color": TEXT},
            # Light shades only, so the black numbers stay readable (contrast).
            colorscale=[[0, "#FFFFFF"], [1, SEQUENTIAL[2]]],
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} × %{x}: %{text}<extra></extra>",
        )
    )
    # The column dimension is named in the subtitle; an axis title up here
    # would collide with it.
    fig.update_xaxes(side="top", color=TEXT, showgrid=False)
    fig.update_yaxes(autorange="reversed", title={"text": row_title}, color=TEXT, showgrid=False)
    style(fig, headline, subtitle, source, height=230 + 48 * len(row_labels))
    fig.update_layout(margin={**fig.layout.margin.to_plotly_json(), "t": fig.layout.margin.t + 50})
    alt = (
        f"{headline}. "
        + "; ".join(f"{r['row_label']}, {r['column_label']}: {count_label(r)}" for r in rows)
        + "."
    )
    table = pd.DataFrame(
        {
            row_title: [r["row_label"] for r in rows],
            column_title: [r["column_label"] for r in rows],
            "Outputs": [int(r["outputs"]) for r in rows],
            "Reported": [int(r["reported"]) for r in rows],
            "Not reported": [int(r["not_reported"]) for r in rows],
        }
    )
    return Chart(fig, headline, subtitle, source, alt, table)


def name_timeline(
    periods: Sequence[Mapping[str, Any]], headline: str, subtitle: str, source: str, today: Any
) -> Chart:
    """A department's names over time: one bar per name, from the day it was
    first used to the day it ended (or today), labelled with its abbreviation."""
    periods = [p for p in periods if p.get("valid_from") is not None and not pd.isna(p.get("valid_from"))]
    fig = go.Figure()
    for i, p in enumerate(periods):
        start = pd.Timestamp(p["valid_from"])
        ended = p.get("valid_to") is not None and not pd.isna(p.get("valid_to"))
        end = pd.Timestamp(p["valid_to"]) if ended else pd.Timestamp(today)
        fig.add_trace(
            go.Scatter(
                x=[start, end],
                y=[i, i],
                mode="lines",
                line={"color": CATEGORICAL[i % len(CATEGORICAL)], "width": 22},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        fig.add_annotation(
            x=start,
            y=i,
            yshift=24,
            xanchor="left",
            showarrow=False,
            text=_escape(f"{p.get('abbreviation') or p['name']}: {period_text(p)}"),
            font={"size": 13, "color": TEXT},
        )
    fig.update_yaxes(visible=False, range=[len(periods) - 0.4, -0.9])
    fig.update_xaxes(type="date", color=AXIS, showgrid=False, zeroline=False)
    style(fig, headline, subtitle, source, height=200 + 62 * max(len(periods), 1))
    alt = (
        f"{headline}. "
        + "; ".join(
            f"{p['name']} ({p.get('abbreviation') or 'no abbreviation'}): {period_text(p)}" for p in periods
        )
        + "."
    )
    table = pd.DataFrame(
        {
            "Name": [p["name"] for p in periods],
            "Abbreviation": [p.get("abbreviation") for p in periods],
            "In use": [period_text(p) for p in periods],
        }
    )
    return Chart(fig, headline, subtitle, source, alt, table)


def period_text(period: Mapping[str, Any]) -> str:
    def day(value: Any) -> str | None:
        if value is None or pd.isna(value):
            return None
        return pd.Timestamp(value).strftime("%-d %B %Y")

    start, end = day(period.get("valid_from")), day(period.get("valid_to"))
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "dates not recorded"


def place_map(
    points: Sequence[Mapping[str, Any]],
    outline: Sequence[Sequence[Sequence[float]]],
    bounds: tuple[float, float, float, float],
    headline: str,
    subtitle: str,
    source: str,
    height: int = 720,
) -> Chart:
    """Places as points on a coastline drawn from shipped lon/lat rings (no
    map tiles, no CDN): x is longitude, y latitude, with the y axis stretched
    by 1/cos(mid-latitude) so shapes look right at these latitudes.

    Each point's group is shown by symbol *and* colour, and written in the
    hover text and the table."""
    import math

    west, south, east, north = bounds
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in outline:
        xs.extend(p[0] for p in ring)
        ys.extend(p[1] for p in ring)
        xs.append(None)
        ys.append(None)
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor="#F3F2F1",
            line={"color": "#B1B4B6", "width": 1},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    groups = [
        ("A pilot or case study ran here", "circle", DARK_BLUE),
        ("Named by a programme; no pilot described", "diamond-open", DARK_PINK),
        ("Barrier evidence only", "square-open", ORANGE),
    ]
    for name, symbol, colour in groups:
        members = [p for p in points if map_group(p) == name]
        if not members:
            continue
        fig.add_trace(
            go.Scatter(
                x=[p["lon"] for p in members],
                y=[p["lat"] for p in members],
                mode="markers+text" if len(points) <= 30 else "markers",
                marker={"symbol": symbol, "size": 13, "color": colour, "line": {"width": 2, "color": colour}},
                text=[_escape(p.get("label", p["name"])) for p in members],
                textposition=[p.get("label_position", "middle right") for p in members],
                textfont={"size": 12, "color": TEXT},
                customdata=[_escape(map_hover(p)) for p in members],
                hovertemplate="%{customdata}<extra></extra>",
                name=name,
            )
        )
    mid = math.radians((south + north) / 2)
    # constrain="domain": keep the framed box and shrink the drawing area to
    # its shape, rather than widen the box to fill the area.
    fig.update_xaxes(range=[west, east], visible=False, constrain="domain", fixedrange=True)
    fig.update_yaxes(
        range=[south, north],
        visible=False,
        scaleanchor="x",
        scaleratio=1 / math.cos(mid),
        constrain="domain",
        fixedrange=True,
    )
    style(fig, headline, subtitle, source, height=height)
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 13}},
        margin={**fig.layout.margin.to_plotly_json(), "r": 10, "t": fig.layout.margin.t + 40},
    )
    alt = f"{headline}. " + "; ".join(f"{p['name']}: {map_hover(p)}" for p in points) + "."
    table = pd.DataFrame(
        {
            "Place": [p["name"] for p in points],
            "Kind": [p["kind"] for p in points],
            "Within": [p.get("parent_name") for p in points],
            "On the map as": [map_group(p) for p in points],
            "Pilots here": [int(p["pilots"]) for p in points],
            "Programmes": [p.get("programme_names") or "" for p in points],
            "Barrier findings": [int(p["findings"]) for p in points],
            "Latitude": [p["lat"] for p in points],
            "Longitude": [p["lon"] for p in points],
        }
    )
    return Chart(fig, headline, subtitle, source, alt, table)


def map_group(point: Mapping[str, Any]) -> str:
    if int(point["pilots"]) > 0:
        return "A pilot or case study ran here"
    if int(point["programmes"]) > 0:
        return "Named by a programme; no pilot described"
    return "Barrier evidence only"


def map_hover(point: Mapping[str, Any]) -> str:
    parts = [f"{point['name']} ({point['kind']})"]
    pilots = int(point["pilots"])
    if pilots:
        parts.append(f"{pilots} pilot or case study" if pilots == 1 else f"{pilots} pilots or case studies")
    if point.get("programme_names") and not pd.isna(point.get("programme_names")):
        parts.append(f"programme: {point['programme_names']}")
    findings = int(point["findings"])
    if findings:
        parts.append(f"{findings} barrier finding{'s' if findings != 1 else ''}")
    return ", ".join(parts)
