"""The Workshops page in Chromium with answers saved (issue 27, item 4): the
headline states the finding for the place in the address, the table by
place sits beside the chart on a laptop and below it on a phone, and axe-core
finds no WCAG 2.2 A/AA violation at either size."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fivebarriers.workshop import room_model, room_save
from tests.conftest import (
    AppServer,
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    screenshot,
    sized_page,
)

pytestmark = pytest.mark.browser

QUESTION = room_model.question("barrier-most")
SAVED = (  # code, place, counts in the question's order (Structures ... Culture)
    ("W1BODM", "bodmin", (2, 1, 9, 3, 4)),
    ("W2BODM", "bodmin", (0, 2, 6, 1, 5)),
    ("W3WAKE", "wakefield", (7, 0, 1, 1, 0)),
)
BODMIN_HEADLINE = "Funding was chosen most often across 2 workshops about Bodmin (15 of 33 answers)"


@pytest.fixture(scope="module")
def workshops_server(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    db = tmp_path_factory.mktemp("workshops") / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    for code, place, counts in SAVED:
        answers = room_model.RoomAnswers(
            code,
            QUESTION.id,
            QUESTION.text,
            place,
            dt.date(2026, 11, 3),
            tuple(zip(QUESTION.options, counts, strict=True)),
        )
        room_save.save_room_answers(answers, db=db, loaded_by="Facilitator")
    server = AppServer(db)
    yield server
    server.stop()


def _box(page, selector: str, text: str) -> dict:
    box = page.locator(selector, has_text=text).first.bounding_box()
    assert box, f"{text!r} is not on the page"
    return box


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)], ids=["laptop", "phone"])
def test_the_workshops_page_leads_with_its_finding(workshops_server, shared_context, width, height):
    page = sized_page(shared_context, width, height)
    try:
        open_page(page, f"{workshops_server.url}/workshops?place=bodmin")
        assert_no_exception(page)
        main = '[data-testid="stMain"]'
        headings = page.locator(f"{main} h2").all_inner_texts()
        assert headings[0].strip() == BODMIN_HEADLINE, headings
        assert "Which barrier holds your place back most?" in page.inner_text(main)
        chart = _box(page, f"{main} h2", "chosen most often")
        by_place = _box(page, f"{main} h2", "By place")
        if width >= 1000:  # beside the chart, at the same height
            assert by_place["x"] > chart["x"] + chart["width"] / 2, (chart, by_place)
            assert abs(by_place["y"] - chart["y"]) < 40, (chart, by_place)
        else:  # a phone stacks them: the finding first
            assert by_place["y"] > chart["y"] + chart["height"], (chart, by_place)
        assert page.title().startswith("Bodmin")
        screenshot(page, f"page-workshops-{width}x{height}")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
    finally:
        page.close()
