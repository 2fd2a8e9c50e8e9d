"""The workshop storyboard as a PowerPoint file a facilitator can leave behind.

Native, editable charts (python-pptx chart objects with their data sheet, not
pictures), speaker notes on every slide, the source line at the foot of every
slide, big type and the Government Analysis Function palette. Built offline
from the storyboard alone, and byte-for-byte stable for the same database:
core properties are fixed and the zip entries carry a fixed timestamp."""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Inches, Pt

from fivebarriers.charts import charts
from fivebarriers.formula_safe import safe_text
from fivebarriers.workshop import wording
from fivebarriers.workshop.model import Slide, SlideChart, Storyboard

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
GAP = Inches(0.2)
TITLE_ONLY_LAYOUT = 5
# A fixed moment for core properties and zip entries: the guidance's
# publication date, so the file does not change with the clock.
FIXED_TIME = dt.datetime(2024, 4, 10, 0, 0, 0)

# Type sizes. On a 13.33-inch slide shown 1920 px wide, 20 pt is about 40 px.
# Nothing on a slide is under MIN_PT, the smallest the back of a room can read.
MIN_PT = 14
TITLE_PT, TITLE_LONG_PT, TITLE_SLIDE_PT, KICKER_PT, BODY_PT, BODY_CHART_PT = 32, 28, 44, 20, 24, 20
SOURCE_PT, CHART_LABEL_PT, CHART_TITLE_PT, TILE_VALUE_PT, TILE_LABEL_PT, CLOSING_PT = 14, 20, 22, 34, 16, 20
# Beside the chart: the case study and why care is needed, as large as fits.
SIDE_PTS = (18, 16, 14)
# Where the slide's parts sit. A chart takes at least CHART_SHARE of the slide's
# height (review 2026-12-06, M13: about 40% was too small for the back of a room).
KICKER_TOP, TITLE_TOP, CHART_BOTTOM, SOURCE_TOP = Inches(0.26), Inches(0.64), Inches(6.72), Inches(6.78)
CHART_SHARE = 0.6
CHART_WIDTH = Inches(8.5)
# Text metrics for planning a layout before LibreOffice or PowerPoint draws it:
# Arial's average glyph is about 0.44 em wide in English text (0.46 errs on the
# side of more lines); LibreOffice sets its lines 1.2 em apart, below a text
# box's top inset.
AVG_CHAR_EM, LINE_EM, INSET = 0.46, 1.2, Inches(0.05)
# A source line longer than this would take three lines at 14 pt: the slide then
# names each document and the notes give every section, statement by statement.
SOURCE_CHARS = 240


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


TEXT, AXIS = _rgb(charts.TEXT), _rgb(charts.AXIS)
BAR_STYLE = {
    # role: (colour, patterned?) — expected results are hatched *and* say "(expected)".
    "achieved": (charts.DARK_BLUE, False),
    "expected": (charts.TURQUOISE, True),
    "goal": (charts.ORANGE, False),
    "goal low": (charts.ORANGE, False),
    "goal high": (charts.ORANGE, True),
    "invested": (charts.DARK_GREY, False),
    "not reported": (charts.DARK_GREY, False),
}


def _text_box(slide: PptxSlide, name: str, left: int, top: int, width: int, height: int):
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = 0
    return box


def _paragraphs(
    frame,
    lines: list[str],
    size: int,
    colour: RGBColor = TEXT,
    bold: bool = False,
    bullets: bool = False,
    space_after: int = 10,
) -> None:
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.LEFT
        para.space_after = Pt(space_after)
        run = para.add_run()
        run.text = f"• {line}" if bullets else line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
        run.font.name = "Arial"


def _title(slide: PptxSlide, text: str, size: int, top: int, height: int) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, top, WIDTH - 2 * MARGIN, height
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = 0
    frame.text = text
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    for run in para.runs:
        run.font.size = Pt(size)
        run.font.bold = True
        run.font.color.rgb = TEXT
        run.font.name = "Arial"


def _frame(slide: PptxSlide, story: Slide, number: int, total: int) -> None:
    """The parts every slide has: a palette band, kicker, title, source and number."""
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.14))
    band.name = "Band"
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(charts.DARK_BLUE)
    band.line.fill.background()
    kicker = _text_box(slide, "Kicker", MARGIN, KICKER_TOP, WIDTH - 2 * MARGIN, Inches(0.45))
    _paragraphs(kicker.text_frame, [story.kicker], KICKER_PT, _rgb(charts.DARK_BLUE), bold=True)
    if story.kind == "title":
        size, top = TITLE_SLIDE_PT, Inches(1.9)
    else:
        size, top = title_size(story), TITLE_TOP
    _title(slide, story.title, size, top, Inches(1.5))
    source = _text_box(slide, "Source", MARGIN, SOURCE_TOP, Inches(10.9), Inches(0.7))
    _paragraphs(source.text_frame, [_slide_source(story)], SOURCE_PT, AXIS, space_after=0)
    counter = _text_box(slide, "Slide number", Inches(11.7), Inches(6.85), Inches(1.03), Inches(0.4))
    _paragraphs(counter.text_frame, [f"{number} of {total}"], SOURCE_PT, AXIS, space_after=0)
    counter.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    notes = story.notes
    if story.chart:
        notes += f"\n\nChart, in words: {story.chart.alt_text}"
    if story.citations:
        notes += "\n\nWhere each statement comes from:\n" + "\n".join(
            f"- {text}: {source.removeprefix('Source: ')}" for text, source in story.citations
        )
    slide.notes_slide.notes_text_frame.text = notes


def text_lines(text: str, size: float, width: int) -> int:
    """How many lines `text` takes at `size` points in a box `width` EMU wide (an estimate)."""
    chars = max(1, int(width / Pt(size) / AVG_CHAR_EM))
    return max(1, len(textwrap.wrap(text, chars)))


def text_height(text: str, size: float, width: int) -> int:
    return int(text_lines(text, size, width) * Pt(size) * LINE_EM)


def title_size(story: Slide) -> int:
    """Long one-line messages step down a size so they stay on two lines, and so
    that a chart below still has CHART_SHARE of the slide."""
    if len(story.title) > 90:
        return TITLE_LONG_PT
    if story.chart and chart_top(story.title, TITLE_PT) > CHART_BOTTOM - CHART_SHARE * HEIGHT:
        return TITLE_LONG_PT
    return TITLE_PT


def chart_top(title: str, size: int) -> int:
    """Just below the title's last line."""
    return TITLE_TOP + INSET + text_height(title, size, WIDTH - 2 * MARGIN) + Inches(0.03)


def _slide_source(story: Slide) -> str:
    if len(story.source) <= SOURCE_CHARS:
        return story.source
    documents = [title for title, _ in wording.source_pairs(story.source)]
    return "Source: " + ". ".join(documents) + " (sections for each statement in the notes)"


def _chart(slide: PptxSlide, chart: SlideChart, left: int, top: int, width: int, height: int) -> None:
    data = CategoryChartData(number_format='"£"#,##0' if chart.unit == "GBP" else "#,##0")
    # python-pptx writes these into the chart's embedded workbook with XlsxWriter,
    # which turns text starting with "=" into a live formula ("Edit Data" opens it in
    # Excel): they go through the same rule as every download (review 2026-12-06, finding 9).
    data.categories = [safe_text(c) for c in chart.categories]
    data.add_series(safe_text(chart.measure)[:255], chart.values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data)
    frame.name = "Result chart"
    # The text alternative travels with the chart (PowerPoint's "Alt Text").
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text)
    c = frame.chart
    c.has_legend = False
    c.has_title = True
    title = c.chart_title.text_frame
    title.text = chart.headline
    for run in title.paragraphs[0].runs:
        run.font.size, run.font.bold, run.font.color.rgb = Pt(CHART_TITLE_PT), True, TEXT
    c.font.size = Pt(CHART_LABEL_PT)
    c.font.name = "Arial"
    c.font.color.rgb = TEXT
    plot = c.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = False
    cat = c.category_axis
    cat.reverse_order = True  # first bar at the top, as read
    cat.has_major_gridlines = False
    cat.tick_labels.font.size = Pt(CHART_LABEL_PT)
    cat.format.line.color.rgb = AXIS
    val = c.value_axis
    val.minimum_scale = 0  # bars start at zero
    top_value = max([v for v in chart.values if v is not None] or [1])
    val.maximum_scale = top_value * 1.5  # room for the direct labels, short as they are
    val.has_major_gridlines = False
    val.visible = False  # every bar is labelled directly
    series = plot.series[0]
    for i, bar in enumerate(chart.bars):
        point = series.points[i]
        colour, patterned = BAR_STYLE.get(bar.role, (charts.DARK_BLUE, False))
        if patterned:
            point.format.fill.patterned()
            point.format.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
            point.format.fill.fore_color.rgb = _rgb(colour)
            point.format.fill.back_color.rgb = _rgb("#FFFFFF")
            point.format.line.color.rgb = _rgb(colour)
        else:
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(colour)
        label = point.data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        # The value or range alone; the full figure is in the alt text and the notes.
        label.text_frame.text = bar.drawn
        for run in label.text_frame.paragraphs[0].runs:
            run.font.size = Pt(CHART_LABEL_PT)
            run.font.color.rgb = TEXT
            run.font.bold = bar.role in ("achieved", "expected", "not reported")


def _tiles(slide: PptxSlide, story: Slide) -> None:
    cols, width, height = 3, Inches(3.9), Inches(1.55)
    for i, tile in enumerate(story.tiles):
        left = MARGIN + (i % cols) * (width + GAP)
        top = Inches(3.0) + (i // cols) * (height + Inches(0.2))
        box = _text_box(slide, f"Tile {i + 1}", left, top, width, height)
        _paragraphs(
            box.text_frame, [tile.value], TILE_VALUE_PT, _rgb(charts.DARK_BLUE), bold=True, space_after=2
        )
        para = box.text_frame.add_paragraph()
        run = para.add_run()
        run.text = tile.label
        run.font.size, run.font.color.rgb, run.font.name = Pt(TILE_LABEL_PT), TEXT, "Arial"


def _body(slide: PptxSlide, story: Slide) -> None:
    top = Inches(3.9) if story.kind == "title" else Inches(2.5)
    if story.kind == "numbers":
        if story.points:
            box = _text_box(slide, "Body", MARGIN, Inches(2.3), WIDTH - 2 * MARGIN, Inches(0.6))
            _paragraphs(box.text_frame, list(story.points), BODY_CHART_PT)
        _tiles(slide, story)
        return
    if story.chart:
        # The chart fills the height below the title; the case study (and any
        # points) stand in a column beside it, so the chart keeps CHART_SHARE
        # of the slide's height.
        chart_at = chart_top(story.title, title_size(story))
        height = CHART_BOTTOM - chart_at
        _chart(slide, story.chart, MARGIN, chart_at, CHART_WIDTH, height)
        side_left = MARGIN + CHART_WIDTH + Inches(0.25)
        side_width = WIDTH - MARGIN - side_left
        if story.points:
            box = _text_box(slide, "Body", side_left, chart_at, side_width, height // 2)
            _paragraphs(box.text_frame, list(story.points), BODY_CHART_PT, bullets=True)
        room = height // 2 if story.points else height
        fits = (pt for pt in SIDE_PTS if text_height(story.chart.subtitle, pt, side_width) <= room)
        size = next(fits, MIN_PT)
        sub = _text_box(slide, "Chart subtitle", side_left, CHART_BOTTOM - room, side_width, room)
        sub.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE if not story.points else MSO_ANCHOR.TOP
        _paragraphs(sub.text_frame, [story.chart.subtitle], size, AXIS, space_after=0)
        return
    # Five or more two-line points (the closing slide) step down to stay above the source line.
    size = BODY_PT if len(story.points) <= 4 else CLOSING_PT
    box = _text_box(slide, "Body", MARGIN, top, WIDTH - 2 * MARGIN, Inches(6.55) - top)
    # Recommendations carry their own letters; other lists get bullets.
    _paragraphs(
        box.text_frame,
        list(story.points),
        size,
        bullets=story.kind in ("barrier", "closing"),
        space_after=10 if size == BODY_PT else 6,
    )


# python-pptx refuses a core property over 255 characters (ValueError); the
# slides themselves carry the whole name.
CORE_PROPERTY_LIMIT = 255


def core_title(text: str) -> str:
    """The document's title property: cut to python-pptx's limit, with an ellipsis."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "…"


def presentation(story: Storyboard) -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    layout = prs.slide_layouts[TITLE_ONLY_LAYOUT]
    for number, s in enumerate(story.slides, start=1):
        slide = prs.slides.add_slide(layout)
        _frame(slide, s, number, len(story.slides))
        _body(slide, s)
    props = prs.core_properties
    props.title = core_title(story.title + (f": {story.focus}" if story.focus else ""))
    props.subject = "Workshop deck built from the Five Barriers database"
    props.author = props.last_modified_by = "Five Barriers"
    props.keywords = "place-based working; PfPP; workshop"
    props.comments = "Figures from the sources named on each slide."
    props.category = "Workshop"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    return prs


_W3C_TIME = re.compile(rb"(?<=W3CDTF\">)[0-9T:.Z+-]+(?=</dcterms:)")


def _stable_zip(raw: bytes) -> bytes:
    """Rewrite the package with fixed entry timestamps (python-pptx stamps the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith(".xlsx"):
                data = _stable_zip(data)  # the chart's embedded data sheet
            elif info.filename == "docProps/core.xml":
                # XlsxWriter stamps the data sheet with the current time.
                data = _W3C_TIME.sub(FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)
    return out.getvalue()


def deck_bytes(story: Storyboard) -> bytes:
    buffer = io.BytesIO()
    presentation(story).save(buffer)
    return _stable_zip(buffer.getvalue())


def write_deck(story: Storyboard, path: Path | str) -> int:
    """Write the deck; returns its size in bytes."""
    data = deck_bytes(story)
    Path(path).write_bytes(data)
    return len(data)
