"""The HTML stand-in drawn before Plotly arrives (charts/preview.py): the
same rows, bars and goal marks as the figure, nothing else, and never any
markup from the data."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from fivebarriers.charts import charts, preview
from tests.test_charts import RESULTS, every_chart, goal_chart, grid_chart, shares_chart


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html_text: str) -> _Tags:
    tags = _Tags()
    tags.feed(html_text)
    return tags


def bars(html_text: str) -> list[str]:
    """The width of every bar drawn (a box with a fill and a width from zero)."""
    return re.findall(r"left:0;width:([\d.]+)%;top:[\d.]+px;height:24\.0px;background:", html_text)


def test_every_chart_a_page_shows_is_drawn_ahead():
    drawn = [preview.chart_html(c.figure.to_dict()) for c in every_chart()]
    # goals, shares, grid, labelled bars, count bars, timeline and map; not
    # bars with a y axis (no page draws those)
    assert [bool(h) for h in drawn] == [True, True, True, True, True, True, True, False]
    assert preview.rows_chart_html(grid_chart().figure.to_dict()) is None
    assert preview.chart_html({"data": [], "layout": {}}) is None


def test_each_reported_result_has_its_bar_at_its_share_of_the_axis():
    spec = goal_chart().figure.to_dict()
    drawn = preview.rows_chart_html(spec)
    top = spec["layout"]["xaxis"]["range"][1]
    reported = [x for x in spec["data"][0]["x"] if x is not None]
    assert len(reported) == len(RESULTS) - 1  # Bodmin was not reported: no bar, as on the chart
    widths = [float(w) for w in bars(drawn)]
    assert widths == pytest.approx([100 * x / top for x in reported], abs=0.01)


def test_goal_lines_bands_hatching_ticks_and_source_are_drawn():
    drawn = preview.rows_chart_html(goal_chart().figure.to_dict())
    # a goal line on every row drawn against its goal: not on Bodmin's, which has no figure
    assert drawn.count("dotted #F46A25") == len(RESULTS) - 1
    assert drawn.count("background:rgba(244, 106, 37, 0.18)") == 2  # the two ranges
    assert drawn.count("repeating-linear-gradient") == 1  # the one expected result
    assert "Source: PfPP guidance; Another source" in drawn
    assert ">100%<" in drawn and "% of goal reached" in drawn


def test_it_is_as_tall_as_the_figure_and_hidden_from_screen_readers():
    spec = shares_chart().figure.to_dict()
    drawn = preview.rows_chart_html(spec)
    first = parse(drawn).tags[0]
    assert first[0] == "div" and first[1]["aria-hidden"] == "true"
    assert f"height:{spec['layout']['height']}px" in first[1]["style"]
    assert preview.WAITING in drawn


def test_text_from_the_data_stays_text():
    nasty = '<script>alert(1)</script><img src=x onerror="alert(2)"> & <b>'
    row = {**RESULTS[0], "pilot_name": nasty, "measure": "</div><div onclick=x>"}
    drawn = preview.rows_chart_html(
        charts.progress_against_goals([row], "H", "S", "<i>source</i>").figure.to_dict()
    )
    tags = parse(drawn)
    assert {t for t, _ in tags.tags} <= {"div", "span", "br"}
    assert {k for _, attrs in tags.tags for k in attrs} <= {"class", "style", "aria-hidden"}
    written = "".join(tags.text).replace(" ", "")  # labels wrap at spaces
    for text in (nasty, "</div><div onclick=x>", "<i>source</i>"):
        assert text.replace(" ", "") in written
