"""Plotly figures in the Government Analysis Function style (GUIDE §5): one
name for every chart builder, so callers write `charts.progress_against_goals`.

Builders take tidy rows and return a `Chart`: the figure plus its headline,
subtitle, source, text alternative, the table of the same data, and what
"About this data" says (method and definitions), so no page can draw a chart
without them. Bars start at zero and are labelled directly, above the bar;
targets are marks or bands on the same axis; expected results are hatched
*and* say "(expected)"; "not reported" is written, never drawn as a zero bar.

Where each lives: style.py (palette, layout, the cheap unvalidated figure),
rows.py (labels above bars), goals.py, bars.py, grid.py, timeline.py, maps.py."""

from __future__ import annotations

from fivebarriers.charts.bars import (
    count_bars,
    count_label,
    horizontal_bars,
    labelled_bars,
    share_text,
    shares_of_whole,
)
from fivebarriers.charts.goals import progress_against_goals
from fivebarriers.charts.grid import count_grid
from fivebarriers.charts.maps import map_group, map_hover, place_map
from fivebarriers.charts.style import (
    AXIS,
    CATEGORICAL,
    DARK_BLUE,
    DARK_GREY,
    DARK_PINK,
    FONT,
    GRID,
    HEADLINE_WIDTH,
    LILAC,
    ORANGE,
    SEQUENTIAL,
    SOURCE_WIDTH,
    TARGET_BAND,
    TEXT,
    TURQUOISE,
    Chart,
)
from fivebarriers.charts.style import escape as _escape
from fivebarriers.charts.style import wrap as _wrap
from fivebarriers.charts.timeline import name_timeline, period_text

__all__ = [
    "AXIS",
    "CATEGORICAL",
    "DARK_BLUE",
    "DARK_GREY",
    "DARK_PINK",
    "FONT",
    "GRID",
    "HEADLINE_WIDTH",
    "LILAC",
    "ORANGE",
    "SEQUENTIAL",
    "SOURCE_WIDTH",
    "TARGET_BAND",
    "TEXT",
    "TURQUOISE",
    "Chart",
    "_escape",
    "_wrap",
    "count_bars",
    "count_grid",
    "count_label",
    "horizontal_bars",
    "labelled_bars",
    "map_group",
    "map_hover",
    "name_timeline",
    "period_text",
    "place_map",
    "progress_against_goals",
    "share_text",
    "shares_of_whole",
]
