"""Task A1 of the ux review (2026-12-06), played in Chromium at 1440x900
with the mouse and the keyboard only, from the home page: download the
outputs template (Excel), fill three East Sussex results that differ from
each other (goal_same_measure TRUE, FALSE and blank) with three typos, read
each problem whole, fix them, load, see the results on the East Sussex page
with the flag as typed, undo, and see "Nothing to undo" (issue 24, item 4)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from fivebarriers import auth
from fivebarriers.data import ingest
from fivebarriers.views import upload as view
from tests.conftest import PATIENCE_MS, AppServer, assert_no_exception, screenshot, wait_for_app
from tests.test_ingest import scalar

pytestmark = pytest.mark.browser
PASSWORD = "a1 wave two password"
WORKBOOK = "east_sussex_wave2.xlsx"
PILOT = "east-sussex-fuel-poverty"
COMMON = {
    "pilot_id": PILOT,
    "kind": "achieved",
    "status": "reported",
    "qualifier": "exactly",
    "period_end": "2024-03-31",
    "source_id": "pfpp-guidance-2024",
    "locator": "Annex: Priorities - Pilot success",
    # Every result says how strong its evidence is, and where that is shown (issue 25).
    "evidence_strength": "reported by the programme",
    "evidence_basis": "The pilot's own count, as the guidance reports it",
}
# Three results that differ in every way that matters, the flag above all.
ROWS = [
    {
        **COMMON,
        "output_id": "es-wave2-homes-improved",
        "measure": "Homes given small energy improvements (second wave)",
        "unit": "homes",
        "target_low": 100,
        "target_high": 150,
        "actual": 180,
        "goal_same_measure": True,
    },
    {
        **COMMON,
        "output_id": "es-wave2-advice",
        "measure": "Households given advice on their energy bills (second wave)",
        "unit": "households",
        "target_low": 500,
        "target_high": 500,
        "actual": 420,
        "goal_same_measure": False,
        "goal_measure": "Households contacted by the outreach team",
    },
    {
        **COMMON,
        "output_id": "es-wave2-assessments",
        "measure": "Homes given a home assessment (second wave)",
        "unit": "homes",
        "actual": 95,
    },
]
# One typo on each row, as a person makes them.
TYPOS = [{"pilot_id": "east-sussex-fuel-povety"}, {"kind": "acheived"}, {"period_end": "2024-02-30"}]


@pytest.fixture(scope="module")
def a1_server(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Path]]:
    db = tmp_path_factory.mktemp("a1_app") / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    server = AppServer(db, env={auth.ENV_HASH: auth.hash_password(PASSWORD)})
    yield server, db
    server.stop()


def fill(template: Path, out: Path, typos: bool) -> Path:
    """The downloaded template with its example row replaced by ROWS, as an
    analyst types them (TRUE and FALSE as Excel's own booleans, blank left empty)."""
    book = openpyxl.load_workbook(template)
    sheet = book["outputs"]
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for i, row in enumerate(ROWS):
        values = {**row, **(TYPOS[i] if typos else {})}
        for name, column in columns.items():
            sheet.cell(row=2 + i, column=column, value=values.get(name))
    book.save(out)
    return out


def click_menu(page, name: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=name, exact=True).click()
    wait_for_app(page, timeout=PATIENCE_MS)


def choose_file(page, path: Path) -> None:
    """Click the uploader's Upload button and pick the file, as a person does."""
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="CSV (UTF-8) or Excel")
    remove = uploader.get_by_role("button", name="Remove ")
    if remove.count():
        remove.click()
        wait_for_app(page)
    with page.expect_file_chooser() as chooser:
        uploader.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files(str(path))
    page.wait_for_selector("text=The first rows as read", timeout=PATIENCE_MS)
    wait_for_app(page)


def box(locator) -> dict:
    locator.scroll_into_view_if_needed()
    found = locator.bounding_box()
    assert found, "not drawn"
    return found


def test_a1_an_east_sussex_wave_from_excel(a1_server, shared_context, tmp_path: Path):
    server, db = a1_server
    page = shared_context.new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    try:
        page.goto(server.url)
        wait_for_app(page, timeout=PATIENCE_MS)
        click_menu(page, "Add data")
        page.get_by_label("Upload password").wait_for(timeout=PATIENCE_MS)

        with page.expect_download() as download:
            page.get_by_role("button", name="outputs (Excel)", exact=True).click()
        template = tmp_path / download.value.suggested_filename
        download.value.save_as(template)
        typed = fill(template, tmp_path / WORKBOOK, typos=True)

        page.get_by_label("Upload password").click()
        page.keyboard.type(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=PATIENCE_MS)
        wait_for_app(page)
        page.get_by_label("Your name (recorded with the load)").click()
        page.keyboard.type("Ana Lyst")
        page.keyboard.press("Tab")
        wait_for_app(page)

        # Three typos: each message whole on screen, with its row and column.
        choose_file(page, typed)
        assert_no_exception(page)
        expected = ingest.validate_file(typed, "outputs", db).problem_table()
        assert len(expected) == 3, expected
        table = page.locator('[data-testid="stTable"]').filter(has_text="Problem").last
        table.scroll_into_view_if_needed()
        screenshot(page, "a1_problems")
        shown = table.inner_text()
        for problem in expected.itertuples():
            assert problem.problem in shown, problem.problem
            assert str(problem.column) in shown
        cells = table.locator("td")
        for i in range(cells.count()):  # nothing cut off: every cell shows all of its text
            assert cells.nth(i).evaluate("e => e.scrollWidth <= e.clientWidth + 1"), cells.nth(i).inner_text()
        assert page.get_by_role("button", name="Download the problems (CSV)").count() == 1
        assert page.get_by_role("button", name="Load 3 rows into outputs").count() == 0

        # Fixed and saved again under the same name: loads.
        fill(template, tmp_path / WORKBOOK, typos=False)
        choose_file(page, typed)
        assert "No problems: 3 rows ready to load into outputs." in page.inner_text("body")
        load = page.get_by_role("button", name="Load 3 rows into outputs")
        was = box(load)
        screenshot(page, "a1_ready")
        load.click()
        wait_for_app(page, timeout=PATIENCE_MS, settle_ms=1000)
        screenshot(page, "a1_after_load_click")
        assert_no_exception(page)
        assert "Loaded batch" in page.inner_text("body"), page.inner_text('[data-testid="stMain"]')[-1500:]
        batch = scalar(db, "select batch_id from ingest_batches where outcome = 'loaded'")
        success = page.locator('[data-testid="stAlert"]').filter(has_text="Loaded batch")
        where = box(success)
        screenshot(page, "a1_loaded")
        # Where the Load button was: under "3. Load it", within a line or two of the button's place.
        step3 = box(page.get_by_role("heading", name="3. Load it"))
        history = box(page.get_by_role("heading", name="Load history"))
        assert step3["y"] < where["y"] < history["y"]
        assert abs(where["y"] - was["y"]) < 120, (where, was)
        stored = {
            r[0]: r[1]
            for r in _rows(db, "select output_id, goal_same_measure from outputs where batch_id = $b", batch)
        }
        assert stored == {
            "es-wave2-homes-improved": True,
            "es-wave2-advice": False,
            "es-wave2-assessments": None,
        }

        # To the place page by its link; the results there, the flag as typed.
        link = page.get_by_role("link", name="See East Sussex", exact=True)
        assert link.get_attribute("href").endswith("places?place=east-sussex")
        assert page.get_by_role("link", name="See East Sussex fuel poverty pilot, Hastings").count() == 1
        place = _follow(page, link)
        place.set_viewport_size({"width": 1440, "height": 900})
        results = place.get_by_role("heading", name="Results", exact=True)
        results.wait_for(timeout=PATIENCE_MS)
        wait_for_app(place, timeout=PATIENCE_MS)
        body = place.inner_text("body")
        assert "180 homes against a goal of 100–150" in body  # TRUE: read against its goal
        assert "was for something else (Households contacted by the outreach team)" in body  # FALSE
        assert "95 homes" in body
        # TRUE is drawn against its goal: the goal chart's text alternative names the new result.
        described = place.locator('[data-testid="stCaptionContainer"]').filter(has_text="Text description")
        assert any("180" in t for t in described.all_inner_texts()), described.all_inner_texts()
        results.scroll_into_view_if_needed()
        screenshot(place, "a1_east_sussex")
        if place is not page:
            place.close()

        # Back on Add data (the same tab, still signed in): undo, then nothing is left to undo.
        page.bring_to_front()
        page.get_by_role("button", name=f"Undo {batch}").click()
        wait_for_app(page)
        page.get_by_role("button", name="Yes, undo this batch").click()
        page.wait_for_selector(f"text=Undone batch {batch}", timeout=PATIENCE_MS)
        wait_for_app(page)
        assert_no_exception(page)
        nothing = page.get_by_text(view.NOTHING_TO_UNDO)
        box(nothing)
        screenshot(page, "a1_undone")
        assert page.get_by_role("button", name="Undo ").count() == 0
        assert scalar(db, "select count(*) from outputs where batch_id = $b", {"b": batch}) == 0
    finally:
        page.close()


def _follow(page, link):
    """Click a link as a person does; Streamlit opens Markdown links in a new tab."""
    if link.get_attribute("target") == "_blank":
        with page.context.expect_page() as opened:
            link.click()
        return opened.value
    link.click()
    return page


def _rows(db: Path, sql: str, batch: str) -> list[tuple]:
    from tests.test_ingest import open_ro

    con = open_ro(db)
    try:
        return con.execute(sql, {"b": batch}).fetchall()
    finally:
        con.close()
