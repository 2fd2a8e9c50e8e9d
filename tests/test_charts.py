"""The chart builders: figures Plotly accepts, labels that never cross a goal
mark, axes that end near the data and carry units, chart text that passes
WCAG AA contrast, and no "none" for an empty cell."""

from __future__ import annotations

import pickle
import re

import plotly.graph_objects as go
import pytest

from fivebarriers import words as fivebarriers_words
from fivebarriers.charts import charts, rows, style

# Each goal counts the same thing as its result (goal_same_measure), as a ratio needs.
_RESULTS = [
    # beat a single goal
    dict(pilot_name="Good Help Hub", measure="people helped", unit="people", target_low=100.0,
         target_high=100.0, target_qualifier=None, actual=550.0, qualifier="over", kind="achieved",
         status="reported", place_name="Croxteth", source_title="PfPP guidance", locator="2.3"),
    # below a range
    dict(pilot_name="East Sussex fuel poverty pilot", measure="homes given small energy improvements",
         unit="homes", target_low=100.0, target_high=150.0, target_qualifier=None, actual=67.0,
         qualifier="exactly", kind="achieved", status="reported", place_name="Hastings",
         source_title="PfPP guidance", locator="2.4"),
    # not reported
    dict(pilot_name="Bodmin skills pilot", measure="referrals", unit="referrals", target_low=50.0,
         target_high=50.0, target_qualifier=None, actual=None, qualifier=None, kind="achieved",
         status="not reported", place_name="Bodmin", source_title="PfPP guidance", locator="2.5"),
    # expected, inside its range
    dict(pilot_name="A pilot with a very long name that will need to wrap onto two lines at least",
         measure="families supported", unit="families", target_low=100.0, target_high=150.0,
         target_qualifier=None, actual=120.0, qualifier="about", kind="expected", status="reported",
         place_name=None, source_title="Another source", locator="p. 4"),
]  # fmt: skip
RESULTS = [{**r, "goal_same_measure": True} for r in _RESULTS]


def goal_chart() -> charts.Chart:
    return charts.progress_against_goals(RESULTS, "Headline", "Subtitle", "PfPP guidance; Another source")


def shares_chart(n: int = 3) -> charts.Chart:
    found = [
        dict(finding=f"Finding {i}", value=6.0, denominator=13.0, value_qualifier=None, value_unit="places",
             source_title="PfPP guidance", locator="2")
        for i in range(n)
    ]  # fmt: skip
    return charts.shares_of_whole(found, "Headline", "Subtitle", "PfPP guidance, 2")


def grid_chart() -> charts.Chart:
    cells = [
        dict(row_label="Structures", column_label="achieved", outputs=11, reported=11, not_reported=0),
        dict(row_label="Funding", column_label="achieved", outputs=7, reported=6, not_reported=1),
        dict(row_label="Funding", column_label="expected", outputs=2, reported=2, not_reported=0),
    ]
    return charts.count_grid(cells, "Headline", "Subtitle", "Five Barriers data", "Barrier", "Kind")


def every_chart() -> list[charts.Chart]:
    periods = [
        dict(name="Department for Communities and Local Government", abbreviation="DCLG",
             valid_from="2006-05-05", valid_to="2018-01-07"),
        dict(name="Ministry of Housing, Communities and Local Government", abbreviation="MHCLG",
             valid_from="2018-01-08", valid_to=None),
    ]  # fmt: skip
    points = [
        dict(name="Liverpool", kind="authority", pilots=2, programmes=1, findings=1, lat=53.4, lon=-2.98),
        dict(name="Hastings", kind="town", pilots=0, programmes=1, findings=0, lat=50.85, lon=0.57),
    ]
    return [
        goal_chart(),
        shares_chart(),
        grid_chart(),
        charts.labelled_bars(["A", "B"], [8, 3], ["8 pilots", "3 pilots"], "H", "S", "src", "Pilots (count)"),
        charts.count_bars(
            [dict(kind="achieved", outputs=20, reported=19, not_reported=1)], "H", "S", "src", "kind"
        ),
        charts.name_timeline(periods, "H", "S", "Machinery of government changes", today="2026-11-28"),
        charts.place_map(
            points, [[[-3.0, 50.0], [1.0, 50.0], [1.0, 55.0]]], (-6, 49.8, 2, 56), "H", "S", "src"
        ),
        charts.horizontal_bars(["A", "B"], [8, 3], ["8", "3"], "H", "S", "src", "Pilots"),
    ]


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _font_colours(node, path=""):
    """Every (path, colour) of a font in a figure dict."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key in ("font", "tickfont", "textfont") and isinstance(value, dict) and "color" in value:
                yield here, value["color"]
            yield from _font_colours(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _font_colours(value, f"{path}[{i}]")


@pytest.mark.parametrize("chart", every_chart(), ids=lambda c: type(c).__name__)
def test_plotly_accepts_every_figure_when_validated(chart):
    # Built without validation for speed (style.figure); validated here.
    go.Figure(chart.figure.to_dict())


def test_every_chart_text_passes_aa_contrast_on_white():
    for chart in every_chart():
        found = list(_font_colours(chart.figure.to_dict()["layout"])) + list(
            _font_colours(chart.figure.to_dict()["data"])
        )
        assert found
        for path, colour in found:
            assert contrast(colour, style.BACKGROUND) >= 4.5, (chart.headline, path, colour)


def test_grid_numbers_readable_on_the_darkest_shade_and_no_none_text():
    fig = grid_chart().figure.to_dict()
    heatmap = fig["data"][0]
    darkest = heatmap["colorscale"][-1][1]
    assert contrast(heatmap["textfont"]["color"], darkest) >= 4.5
    text = [cell for row in heatmap["text"] for cell in row]
    assert "none" not in " ".join(text).lower()
    assert text[heatmap["y"].index("Structures") * 2 + 1] == "0"  # an empty combination is 0 outputs


def _label_bands(fig: dict) -> list[tuple[float, float]]:
    bands = []
    for note in fig["layout"]["annotations"]:
        if note.get("yref") == "y":
            lines = note["text"].count("<br>") + 1
            bands.append((note["y"], note["y"] + lines * style.LINE_PX[style.LABEL_SIZE]))
    return bands


def test_goal_chart_labels_never_cross_the_goal_line_or_band():
    fig = goal_chart().figure.to_dict()
    shapes = fig["layout"]["shapes"]
    assert any(s["type"] == "rect" for s in shapes) and any(s["type"] == "line" for s in shapes)
    labels = _label_bands(fig)
    assert len(labels) == len(RESULTS)
    for top, bottom in labels:
        for shape in shapes:
            assert bottom <= shape["y0"] or top >= shape["y1"], (top, bottom, shape)
    # and the bars sit below their own labels, inside the plot
    bar = fig["data"][0]
    for (_top, bottom), centre in zip(labels, bar["y"], strict=True):
        assert centre - rows.BAR_PX / 2 >= bottom
    assert max(bar["y"]) + rows.BAR_PX / 2 <= fig["layout"]["yaxis"]["range"][0]


def test_goal_chart_axis_ends_near_the_data_with_units():
    fig = goal_chart().figure.to_dict()
    axis = fig["layout"]["xaxis"]
    # largest: 550% of the goal; a range's top 150%; the goal 100%
    assert axis["range"][0] == 0
    assert 550 <= axis["range"][1] <= 550 * 1.1
    assert axis["ticksuffix"] == "%"
    assert "%" in axis["title"]["text"]


def test_a_comparison_the_report_makes_in_words_is_drawn_without_a_percentage():
    """Issue 25 / review §5: the Hub's goal of 100 counted a different group; the report
    says it passed it. The bar is drawn past the goal line, as the report compares them,
    but no axis or label reads it as 550%."""
    hub = {
        **_RESULTS[0],
        "goal_same_measure": False,
        "source_compares_goal": True,
        "source_judgement": "passed its original goal of 100",
        "goal_caveat": "That goal was for 100 people with the most complex needs.",
    }
    east_sussex = {**_RESULTS[1], "goal_same_measure": True}
    fig = charts.progress_against_goals([hub, east_sussex], "H", "S", "PfPP guidance").figure.to_dict()
    axis = fig["layout"]["xaxis"]
    assert "ticksuffix" not in axis and axis["ticktext"] == ["0", "goal"]
    assert "%" not in axis["title"]["text"]
    assert fig["data"][0]["x"][0] == 550  # drawn, past the goal line at 100
    assert "550%" not in str(fig)
    assert "over 550 people against a goal of 100" in fig["data"][0]["text"][0]


def test_not_reported_has_no_bar_and_says_so():
    chart = goal_chart()
    bar = chart.figure.to_dict()["data"][0]
    assert bar["x"][2] is None
    assert "no figure published" in bar["text"][2]
    assert chart.table["% of goal"][2] == "no figure published"
    assert chart.table["Figure published"][2] == "No" and chart.table["Type"][2] == ""


def test_expected_results_hatched_and_named():
    chart = goal_chart()
    bar = chart.figure.to_dict()["data"][0]
    assert bar["marker"]["pattern"]["shape"][3] == "/"
    assert bar["marker"]["pattern"]["shape"][0] == ""
    assert "(forecast)" in bar["text"][3]
    assert "Hatched: forecast." in chart.figure.to_dict()["layout"]["xaxis"]["title"]["text"]
    assert chart.table["Type"][3] == "Forecast" and chart.table["Type"][0] == "Result"


def test_about_this_data_has_method_and_the_three_definitions():
    chart = goal_chart()
    assert chart.method
    words = " ".join(chart.definitions)
    for term in (
        "lower end",
        "No figure published",
        "never drawn as 0",
        "Forecast",
        "not one already achieved",
        "A projection",
        "An independent impact evaluation",
    ):
        assert term in words
    # One line a word, written once in fivebarriers/words.py (issue 25).
    assert len(chart.definitions) == len(set(chart.definitions))
    assert all(line.split(":")[0].lower() in fivebarriers_words.GLOSSARY for line in chart.definitions)


def test_headline_and_subtitle_are_not_drawn_inside_the_figure():
    # The page shows them as real headings above the tabs.
    for chart in every_chart()[:-1]:  # horizontal_bars is restyled by the slides, which add a title
        assert not chart.figure.to_dict()["layout"].get("title")


def test_source_line_wrapped_for_a_phone_and_starting_at_the_figure_edge():
    long_source = "A very long source title " * 8
    chart = charts.progress_against_goals(RESULTS, "H", "S", long_source)
    layout = chart.figure.to_dict()["layout"]
    source = layout["annotations"][-1]
    assert source["text"].startswith("Source: ")
    for line in source["text"].split("<br>"):
        assert len(line) <= style.SOURCE_WIDTH
    assert source["xshift"] == -layout["margin"]["l"] + 2
    # the bottom margin holds every line under the axis
    lines = source["text"].count("<br>") + 1
    assert layout["margin"]["b"] >= -source["yshift"] + lines * style.LINE_PX[style.SOURCE_SIZE]


def test_labels_wrap_to_a_phone_width():
    fig = goal_chart().figure.to_dict()
    for note in fig["layout"]["annotations"][:-1]:
        for line in note["text"].split("<br>"):
            assert len(re.sub(r"<[^>]+>", "", line).replace("&amp;", "&")) <= style.LABEL_WIDTH


def test_many_shares_draw_twelve_and_table_keeps_all():
    chart = shares_chart(40)
    fig = chart.figure.to_dict()
    assert len(fig["data"][1]["x"]) == 12
    assert len(chart.table) == 40
    assert "all are in the Table tab" in fig["layout"]["xaxis"]["title"]["text"]
    assert "28 more findings" in chart.alt_text


def test_share_axis_ticks_carry_percent():
    axis = shares_chart().figure.to_dict()["layout"]["xaxis"]
    assert axis["ticktext"][-1] == "100%"


def test_data_text_is_escaped_in_figures():
    row = {**RESULTS[0], "pilot_name": "<b>bold</b> & co"}
    fig = charts.progress_against_goals([row], "H", "S", "<i>src</i>").figure.to_dict()
    texts = " ".join(a["text"] for a in fig["layout"]["annotations"])
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in texts
    assert "<i>" not in texts


def test_plain_figure_round_trips_through_pickle_without_losing_anything():
    chart = goal_chart()
    copy = pickle.loads(pickle.dumps(chart.figure))
    assert isinstance(copy, style.PlainFigure)
    assert copy.to_dict() == chart.figure.to_dict()
