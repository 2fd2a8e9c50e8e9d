"""The workshop deck: opened with python-pptx and checked against the database.

Slide count, native chart types, series values equal to the figures in the
database, honest labels, notes and source lines on every slide, no leftover
placeholder text, byte-identical rebuilds, and the CLI's exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Pt

from fivebarriers.cli import main as cli
from fivebarriers.store.db import Database
from fivebarriers.workshop import deck, handout, storyboard


@pytest.fixture(scope="module")
def story(built_db: Path) -> storyboard.Storyboard:
    with Database(built_db) as db:
        return storyboard.build_from_db(db)


@pytest.fixture(scope="module")
def deck_path(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "workshop.pptx"
    assert cli.main(["deck", "--db", str(built_db), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def prs(deck_path: Path) -> Presentation:
    return Presentation(str(deck_path))


def _sql(db: Path, text: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(text, params or []).fetchall()
    finally:
        con.close()


def _shape(slide, name: str):
    return next(s for s in slide.shapes if s.name == name)


def _charts(prs: Presentation) -> list[tuple[int, object]]:
    return [(i, s.chart) for i, slide in enumerate(prs.slides) for s in slide.shapes if s.has_chart]


def _all_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_chart:
            chart = shape.chart
            parts.append(chart.chart_title.text_frame.text)
            parts += [str(c) for c in chart.plots[0].categories]
            parts += [p.data_label.text_frame.text for p in chart.plots[0].series[0].points]
    return "\n".join(parts)


def test_slide_count_is_title_numbers_two_per_barrier_and_closing(prs, built_db):
    barriers = _sql(built_db, "select count(*) from barriers")[0][0]
    assert len(prs.slides) == 2 + 2 * barriers + 1 == 13
    titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
    assert titles[0] == "Five barriers to place-based working, and what helped"
    assert titles[1] == "PfPP: 13 places, 11 departments, 2 years"
    assert titles[-1].startswith("What the case studies show")


def test_charts_are_native_clustered_bars(prs):
    found = _charts(prs)
    # Structures, priorities and funding have something to draw. Data-sharing
    # (Birmingham) and culture (Bodmin) report no figure: a goal bar alone would
    # say nothing, so those slides get words, not a chart.
    assert len(found) == 3
    for _, chart in found:
        assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
        assert chart.plots[0].categories  # editable data, not a picture
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures == []


def _chart_on(prs, kicker_start: str):
    for slide in prs.slides:
        if _shape(slide, "Kicker").text_frame.text.startswith(kicker_start) and not _shape(
            slide, "Kicker"
        ).text_frame.text.endswith("what to do"):
            return slide, next(s.chart for s in slide.shapes if s.has_chart)
    raise AssertionError(kicker_start)


def _case_output(db: Path, barrier: str) -> tuple:
    """The stated-in-source case study's result with a target, straight from the tables."""
    rows = _sql(
        db,
        """
        select o.actual, o.target_low, o.target_high, o.status, o.qualifier
        from outputs o
        join pilot_barriers pb on pb.pilot_id = o.pilot_id
        where pb.barrier_id = ? and pb.role = 'addressed' and pb.basis = 'stated in source'
          and o.target_low is not null
        order by o.output_id
        """,
        [barrier],
    )
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("barrier, kicker", [("structures", "Barrier 1"), ("priorities", "Barrier 2")])
def test_series_values_equal_the_database(prs, built_db, barrier, kicker):
    actual, low, high, _, _ = _case_output(built_db, barrier)
    _, chart = _chart_on(prs, kicker)
    values = list(chart.plots[0].series[0].values)
    expected = [actual, low] if low == high else [actual, low, high]
    assert values == pytest.approx(expected)


def test_over_550_is_labelled_over_and_as_a_ratio(prs):
    slide, chart = _chart_on(prs, "Barrier 1")
    labels = [p.data_label.text_frame.text for p in chart.plots[0].series[0].points]
    # Issue 12: the goal of 100 counted the most complex cases, not enquiries: no ratio.
    # Issue 27: labels are the value alone ("over" kept); the unit is in the headline.
    assert labels == ["over 550", "100"]
    # Issue 25: the report compares them itself, so the slide draws it, says it is the
    # report's judgement, and says beside it why care is needed.
    title = chart.chart_title.text_frame.text
    assert title == "Over 550 people, by March 2023; the report says this passed its original goal of 100"
    subtitle = _shape(slide, "Chart subtitle").text_frame.text
    assert "Why care is needed: that goal was for 100 people with the most complex needs" in subtitle
    notes = slide.notes_slide.notes_text_frame.text
    assert "Strength of evidence: reported by the programme." in notes
    frame = next(s for s in slide.shapes if s.has_chart)
    described = frame._element.nvGraphicFramePr.cNvPr.get("descr")
    assert "(the report says this passed its original goal of 100)" in described


def test_range_stays_a_range(prs):
    _, chart = _chart_on(prs, "Barrier 2")
    categories = list(chart.plots[0].categories)
    labels = [p.data_label.text_frame.text for p in chart.plots[0].series[0].points]
    # One word for a goal everywhere on a slide ("goal", never "intended" or "aim").
    assert categories == ["Result", "Goal: lower end", "Goal: upper end"]
    # Each end of the range labels its own bar; the headline gives the range whole, with its unit.
    assert labels == ["67", "100", "150"]
    assert "67 homes against a goal of 100–150 (fell short)" in chart.chart_title.text_frame.text


def _slide_with_kicker(prs, kicker: str):
    return next(slide for slide in prs.slides if _shape(slide, "Kicker").text_frame.text == kicker)


def test_bodmin_shows_its_published_figure_and_says_the_missing_one(prs, built_db):
    actual, low, _, status, _ = _case_output(built_db, "culture")
    assert actual is None and status == "not reported"
    follow_on = _sql(built_db, "select actual from outputs where output_id = 'bodmin-follow-on'")[0][0]
    slide = _slide_with_kicker(prs, "Barrier 5 of 5 · Culture")
    # Never a chart of a goal alone; issue 27: the slide shows the result Bodmin
    # published a figure for (its follow-on initiatives with DWP), and the notes
    # say which goal has no figure.
    assert not any(s.has_chart for s in slide.shapes)
    body = _shape(slide, "Body").text_frame.text
    assert f"{follow_on:.0f} follow-on initiatives Cornwall Council delivers with DWP" in body
    assert "no figure published" not in body
    notes = slide.notes_slide.notes_text_frame.text
    assert f"Referrals into People Hub Cornwall: goal {low:.0f} referrals; no figure published" in notes


def test_expected_savings_are_labelled_expected_against_the_investment(prs, built_db):
    savings = _sql(built_db, "select actual, kind from outputs where output_id = 'cwac-savings'")[0]
    invested = _sql(built_db, "select amount_gbp from funding_flows where flow_id = 'cwac-investment'")[0][0]
    _, chart = _chart_on(prs, "Barrier 3")
    assert list(chart.plots[0].series[0].values) == pytest.approx([invested, savings[0]])
    labels = [p.data_label.text_frame.text for p in chart.plots[0].series[0].points]
    assert savings[1] == "expected"
    # The bars' names say which is planned and which forecast; the labels give the sums alone.
    assert list(chart.plots[0].categories) == ["Investment (planned)", "Forecast"]
    assert labels == ["£41 million", "£108 million"]


def test_every_slide_has_notes_a_source_and_no_placeholder_left(prs):
    for number, slide in enumerate(prs.slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text
        assert len(notes) > 80, f"slide {number} has no real speaker notes"
        assert _shape(slide, "Source").text_frame.text.startswith("Source: ")
        assert _shape(slide, "Slide number").text_frame.text == f"{number} of {len(prs.slides)}"
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), f"empty placeholder on slide {number}"
        text = _all_text(slide)
        assert not re.search(r"click to add|lorem|\bnan\b|\bNone\b|\{|\}", text, re.I), (number, text)


def test_chart_slides_carry_the_chart_source_and_alt_text(prs, story):
    for i, _ in _charts(prs):
        slide = prs.slides[i]
        source = _shape(slide, "Source").text_frame.text
        assert "Partnerships for People and Place" in source
        frame = next(s for s in slide.shapes if s.has_chart)
        assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == story.slides[i].chart.alt_text
        # The chart's own section of the source is on the slide, or, where the
        # slide's line would run past two lines at 14 pt, in its notes.
        section = story.slides[i].chart.source.split("(")[-1].split(";")[-1].rstrip(")").strip()
        notes = slide.notes_slide.notes_text_frame.text
        in_notes = "(sections for each statement in the notes)" in source and section in notes
        assert section in source or in_notes


def test_big_type(prs):
    for slide in prs.slides:
        title_sizes = [r.font.size for p in slide.shapes.title.text_frame.paragraphs for r in p.runs]
        assert min(title_sizes) >= Pt(28)
        body = [s for s in slide.shapes if s.name == "Body"]
        for shape in body:
            sizes = [r.font.size for p in shape.text_frame.paragraphs for r in p.runs]
            assert min(sizes) >= Pt(20)


def test_same_database_gives_identical_texts_and_bytes(built_db, story):
    with Database(built_db) as db:
        again = storyboard.build_from_db(db)
    assert again.texts() == story.texts()
    assert deck.deck_bytes(story) == deck.deck_bytes(again)


def test_page_and_cli_read_the_same_storyboard(built_db, story):
    # The page fetches through pandas (NaN, numpy types); the texts must not change.
    with Database(built_db) as db:
        via_frames = storyboard.build(lambda name, **p: db.query(name, **p).df().to_dict("records"))
    assert via_frames.texts() == story.texts()


def test_filters_narrow_the_deck(built_db, tmp_path, capsys):
    out = tmp_path / "data-sharing.pptx"
    assert cli.main(["deck", "--db", str(built_db), "--out", str(out), "--barrier", "data-sharing"]) == 0
    prs = Presentation(str(out))
    kickers = [_shape(s, "Kicker").text_frame.text for s in prs.slides]
    assert len(prs.slides) == 5
    assert kickers[2] == "Barrier 4 of 5 · Data-sharing"
    assert "5 slides" in capsys.readouterr().out
    out = tmp_path / "liverpool.pptx"
    assert cli.main(["deck", "--db", str(built_db), "--out", str(out), "--place", "liverpool"]) == 0
    titles = "\n".join(_all_text(s) for s in Presentation(str(out)).slides)
    assert "Good Help Hub" in titles and "Bodmin" not in titles


@pytest.mark.parametrize(
    "args, message",
    [
        (["--barrier", "nope"], "unknown barrier 'nope': choose one of structures, priorities"),
        (["--place", "atlantis"], "unknown place 'atlantis'"),
        (["--programme", "xyz"], "unknown programme 'xyz'"),
    ],
)
def test_cli_bad_filter_is_one_line_exit_1(built_db, tmp_path, capsys, args, message):
    out = tmp_path / "x.pptx"
    assert cli.main(["deck", "--db", str(built_db), "--out", str(out), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_missing_db_and_bad_out(tmp_path, built_db, capsys):
    assert cli.main(["deck", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "a.pptx")]) == 1
    assert "no database at" in capsys.readouterr().err
    assert cli.main(["deck", "--db", str(built_db), "--out", str(tmp_path / "a.pdf")]) == 1
    assert "--out must end in .pptx" in capsys.readouterr().err
    assert cli.main(["deck", "--db", str(built_db), "--out", str(tmp_path / "no" / "a.pptx")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_handout_one_page_per_barrier_escaped(fresh_db, tmp_path):
    con = duckdb.connect(str(fresh_db))
    con.execute(
        "update barriers set summary = '<script>alert(1)</script> & more' where barrier_id = 'culture'"
    )
    con.close()
    out = tmp_path / "handout.html"
    assert cli.main(["handout", "--db", str(fresh_db), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text
    assert text.count("<section>") == 1 + 5  # a title page and one page per barrier
    assert "the report says this passed its original goal of 100" in text and "no figure published" in text
    assert "5.5×" not in text
    assert "http" not in text  # self-contained: nothing fetched
    assert handout.html_text(storyboard.build_from_db(Database(fresh_db))) == text


def test_deck_escapes_nothing_and_keeps_data_text(fresh_db, tmp_path):
    # pptx text is not markup: data text goes in as written, including < and &.
    con = duckdb.connect(str(fresh_db))
    con.execute("update barriers set summary = 'A <b>bold</b> & odd summary' where barrier_id = 'culture'")
    con.close()
    out = tmp_path / "odd.pptx"
    assert cli.main(["deck", "--db", str(fresh_db), "--out", str(out), "--barrier", "culture"]) == 0
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(out)).slides]
    assert "A <b>bold</b> & odd summary" in titles


def _runs(slide):
    """Every run of text on a slide, chart text included, with its size in points."""
    for shape in slide.shapes:
        if shape.has_text_frame:
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    if run.text.strip():
                        yield run.text, run.font.size
        if shape.has_chart:
            chart = shape.chart
            yield "chart text", chart.font.size
            yield "chart categories", chart.category_axis.tick_labels.font.size
            for para in chart.chart_title.text_frame.paragraphs:
                for run in para.runs:
                    yield run.text, run.font.size
            for point in chart.plots[0].series[0].points:
                for run in point.data_label.text_frame.paragraphs[0].runs:
                    yield run.text, run.font.size


def test_no_text_under_14_pt(prs):
    small = [
        (number, text[:40], size)
        for number, slide in enumerate(prs.slides, start=1)
        for text, size in _runs(slide)
        if size is None or size < Pt(deck.MIN_PT)
    ]
    assert deck.MIN_PT == 14
    assert not small, small


def test_notes_give_each_statement_its_own_source(prs, story):
    for slide, planned in zip(prs.slides, story.slides, strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        assert planned.citations, planned.key
        for text, source in planned.citations:
            assert f"- {text}: {source.removeprefix('Source: ')}" in notes
        # The slide's own line names every document its statements come from.
        documents = {s.removeprefix("Source: ").split(" (")[0] for _, s in planned.citations}
        line = _shape(slide, "Source").text_frame.text
        assert all(doc in line for doc in documents), (line, documents)


@pytest.fixture(scope="module")
def rendered(deck_path: Path, built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The full deck and a Bodmin deck, each rendered by LibreOffice once for the
    module (a render takes several seconds): every slide, then its notes page."""
    soffice = shutil.which("soffice")
    if soffice is None or not shutil.which("pdftotext"):
        pytest.fail("soffice or pdftotext not found: install Debian's libreoffice-impress and poppler-utils")
    out = tmp_path_factory.mktemp("rendered")
    bodmin = out / "bodmin.pptx"
    assert cli.main(["deck", "--db", str(built_db), "--out", str(bodmin), "--place", "bodmin"]) == 0
    full = out / "workshop.pptx"
    shutil.copyfile(deck_path, full)
    export = 'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={(out / 'profile').as_uri()}",
         "--convert-to", export, "--outdir", str(out), str(full), str(bodmin)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {"full": out / "workshop.pdf", "bodmin": out / "bodmin.pdf"}


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


@pytest.mark.slow  # LibreOffice
def test_deck_renders_in_libreoffice_with_charts_and_notes(rendered, story):
    """LibreOffice opens the deck and prints every slide and its notes page; the
    native charts draw their honest labels."""
    pdf = rendered["full"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           26" in info  # 13 slides, then 13 notes pages
    chart_slide = _page_text(pdf, 3)
    for label in ("Result", "Goal", "over 550"):
        assert label in chart_slide, chart_slide
    assert "Welcome the room" in _page_text(pdf, 14)
    assert story.slides[2].notes.split(".")[0][:30] in " ".join(_page_text(pdf, 16).split())


XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Block:
    """A piece of text as LibreOffice laid it out: its words, lines and box (points)."""

    text: str
    lines: int
    top: float
    bottom: float
    left: float
    right: float
    height: float  # of its tallest word: about 1.3 × the font size for Arial


def _blocks(pdf: Path, number: int) -> list[Block]:
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    page = ElementTree.fromstring(xml).find(f".//{XHTML}page")
    found = []
    for block in page.iter(f"{XHTML}block"):
        lines = block.findall(f"{XHTML}line")
        words = [w for line in lines for w in line.findall(f"{XHTML}word")]
        box = {k: float(block.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")}
        found.append(
            Block(
                " ".join(w.text for w in words),
                len(lines),
                box["yMin"],
                box["yMax"],
                box["xMin"],
                box["xMax"],
                max(float(w.get("yMax")) - float(w.get("yMin")) for w in words),
            )
        )
    return found


def _pt(emu: int) -> float:
    return emu / 12700


@pytest.mark.slow  # LibreOffice
def test_rendered_chart_text_is_20_pt_and_labels_take_two_lines_at_most(prs, rendered, story):
    """Issue 27: at the back of a room. In LibreOffice's rendering every piece of
    chart text is 20 pt or more (measured against the kicker, set at 20 pt), each
    bar's name and label is short and takes at most two lines, and the chart
    takes 60% of the slide's height, below the title."""
    charted = [(i, s) for i, s in enumerate(story.slides) if s.chart]
    assert len(charted) == 3
    for i, planned in charted:
        frame = next(shape for shape in prs.slides[i].shapes if shape.has_chart)
        assert frame.height / prs.slide_height >= 0.6, (planned.key, frame.height / prs.slide_height)
        blocks = _blocks(rendered["full"], i + 1)
        kicker = next(b for b in blocks if b.text == planned.kicker)
        per_pt = kicker.height / deck.KICKER_PT
        left, top = _pt(frame.left), _pt(frame.top)
        right, bottom = left + _pt(frame.width), top + _pt(frame.height)
        inside = [b for b in blocks if b.left >= left - 1 and b.right <= right + 1 and b.top >= top - 1]
        inside = [b for b in inside if b.bottom <= bottom + 1]
        sizes = {b.text: round(b.height / per_pt, 1) for b in inside}
        assert inside and min(sizes.values()) >= 19.5, (planned.key, sizes)
        # Each name and label, found whole in the drawing, on one or two lines.
        for wanted in [*planned.chart.categories, *(bar.drawn for bar in planned.chart.bars)]:
            drawn = [b for b in inside if b.text == wanted]
            assert drawn, (planned.key, wanted, [b.text for b in inside])
            assert all(b.lines <= 2 for b in drawn), (planned.key, wanted, [b.lines for b in drawn])
        # Nothing in the chart overlaps the slide's title.
        title_words = planned.title.split()
        title_bottom = max(b.bottom for b in blocks if b.text.split()[:3] == title_words[:3])
        assert min(b.top for b in inside) >= title_bottom - 1, planned.key


@pytest.mark.slow  # LibreOffice
def test_rendered_bodmin_deck_shows_a_published_figure_and_its_focus_once(rendered):
    """Issue 27: a Bodmin session's "What worked" shows Bodmin's published figure
    (four follow-on initiatives with DWP), never only the result with no figure,
    and its title slide names the focus once."""
    pdf = rendered["bodmin"]
    title = " ".join(_page_text(pdf, 1).split())
    assert title.count("Bodmin") == 1 and title.count("Culture") == 1, title
    closing = " ".join(_page_text(pdf, 5).split())
    assert closing.startswith("What the case studies show")
    assert "4 follow-on initiatives Cornwall Council delivers with DWP" in closing
    assert "no figure published" not in closing
