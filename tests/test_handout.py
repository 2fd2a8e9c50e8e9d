"""The printed handout, printed: Chromium prints the HTML to an A4 PDF and
poppler counts and reads its pages. Exactly a title page plus one page per
barrier, each page starting where it should, nothing spilling onto a page
of its own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from fivebarriers.store.db import Database
from fivebarriers.workshop import handout, storyboard

pytestmark = pytest.mark.browser


def _pdf_pages(browser, html: Path, pdf: Path) -> list[str]:
    for tool in ("pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} not found: install Debian's poppler-utils")
    page = browser.new_page()
    try:
        page.goto(html.as_uri())
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert "(A4)" in info, info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = text.stdout.split("\f")
    return pages[:count]


@pytest.mark.parametrize(
    "filters, barriers",
    [
        (storyboard.Filters(), ["Structures", "Priorities", "Funding", "Data-sharing", "Culture"]),
        (storyboard.Filters(place="liverpool"), ["Structures", "Data-sharing"]),
    ],
    ids=["full-session", "liverpool"],
)
def test_handout_prints_a_title_page_and_one_a4_page_per_barrier(
    browser, built_db, tmp_path, filters, barriers
):
    with Database(built_db) as db:
        story = storyboard.build_from_db(db, filters)
    html = tmp_path / "handout.html"
    handout.write_handout(story, html)
    pages = _pdf_pages(browser, html, tmp_path / "handout.pdf")
    assert len(pages) == 1 + len(barriers) == handout.page_count(story)
    assert "Workshop handout" in pages[0] and "What the case studies show" in pages[0]
    for page, name in zip(pages[1:], barriers, strict=True):
        assert f"of 5 · {name}" in page, page[:200]
        # Each page carries its own sources, with the recommendations above them.
        assert "Where each statement comes from" in page
        assert "things departments can do" in page or "thing departments can do" in page
