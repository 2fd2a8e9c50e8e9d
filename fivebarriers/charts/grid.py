"""A two-way count table drawn as a grid, for the Explorer's pivot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import bars, style

ROW_LABEL_PX = 150  # room for the row names (wrapped at 20 characters)
CELL_PX = 52
METHOD = (
    "Each cell counts the results that fall in both its row and its column, from the database's "
    "summary tables, with how many of them have no figure published. A shade only repeats the "
    "number written in the cell. A result linked to two barriers or departments is counted in each."
)


def count_grid(
    cells_: Sequence[Mapping[str, Any]],
    headline: str,
    subtitle: str,
    source: str,
    row_title: str,
    column_title: str,
) -> style.Chart:
    """A two-way count table drawn as a grid: each cell's number is written in
    it (shade only repeats it), with the not-reported count beside it. An
    empty combination is written as 0 outputs."""
    cells_ = list(cells_)
    row_labels = list(dict.fromkeys(r["row_label"] for r in cells_))
    column_labels = list(dict.fromkeys(r["column_label"] for r in cells_))
    cells = {(r["row_label"], r["column_label"]): r for r in cells_}
    z, text = [], []
    for row_label in row_labels:
        z_row, text_row = [], []
        for column_label in column_labels:
            cell = cells.get((row_label, column_label))
            count = int(cell["outputs"]) if cell else 0
            missing = int(cell["not_reported"]) if cell else 0
            z_row.append(count)
            text_row.append(f"{count:,}" + (f"<br>({missing:,} with no figure)" if missing else ""))
        z.append(z_row)
        text.append(text_row)
    trace = {
        "type": "heatmap",
        "z": z,
        "x": [style.wrap(c, 14) for c in column_labels],
        "y": [style.wrap(r, 20) for r in row_labels],
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": style.TICK_SIZE, "color": style.TEXT},
        # Light shades only, so the black numbers stay readable (contrast).
        "colorscale": [[0, style.BACKGROUND], [1, style.SEQUENTIAL[2]]],
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "hovertemplate": "%{y} × %{x}: %{text}<extra></extra>",
    }
    header_px = 20 + style.LINE_PX[style.TICK_SIZE] * max(
        (style.wrap(c, 14).count("<br>") + 1 for c in column_labels), default=1
    )
    lay = style.layout(
        CELL_PX * max(len(row_labels), 1), source, left=ROW_LABEL_PX, top=header_px, below_plot=12
    )
    # The column dimension is named in the subtitle; an axis title up here
    # would collide with it.
    lay["xaxis"] = {
        "side": "top",
        "color": style.TEXT,
        "tickfont": {"color": style.TEXT, "size": style.TICK_SIZE},
        "showgrid": False,
        "fixedrange": True,
        "automargin": False,
    }
    lay["yaxis"] = {
        "autorange": "reversed",
        "color": style.TEXT,
        "tickfont": {"color": style.TEXT, "size": style.TICK_SIZE},
        "showgrid": False,
        "fixedrange": True,
        "automargin": False,
    }
    alt = (
        f"{headline}. "
        + "; ".join(f"{r['row_label']}, {r['column_label']}: {bars.count_label(r)}" for r in cells_)
        + "."
    )
    table = pd.DataFrame(
        {
            row_title: [r["row_label"] for r in cells_],
            column_title: [r["column_label"] for r in cells_],
            "Results": [int(r["outputs"]) for r in cells_],
            "Figure published": [int(r["reported"]) for r in cells_],
            "No figure published": [int(r["not_reported"]) for r in cells_],
        }
    )
    definitions = tuple(words.glossary_lines(words.COUNT_CHART_WORDS))
    return style.Chart(
        style.figure([trace], lay), headline, subtitle, source, alt, table, METHOD, definitions
    )
