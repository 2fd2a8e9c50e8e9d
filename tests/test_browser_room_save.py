"""The end of a workshop, in real headless Chromium: the facilitator closes
the room's question, signs in, saves the answers; they are one batch in the
load history, the Workshops page shows them for the workshop's place, and
undoing the batch on the Add data page takes them away again.

Needs the save side of issue 27 (fivebarriers.workshop.room_save and the
Workshops page, branch i27-save)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from bench.room_client import Phone
from fivebarriers import auth
from fivebarriers.workshop import room_votes
from tests.conftest import PATIENCE_MS, AppServer, assert_no_exception, open_page, screenshot

pytestmark = pytest.mark.browser
expect.set_options(timeout=60_000)

PASSWORD = "correct horse battery staple"
ANSWERS = ["Funding", "Funding", "Funding", "Culture"]


@pytest.fixture(scope="module")
def save_server(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Path]]:
    db = tmp_path_factory.mktemp("room_save_app") / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    server = AppServer(db, env={auth.ENV_HASH: auth.hash_password(PASSWORD)})
    yield server, db
    server.stop()


def _batches(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select batch_id, table_name from ingest_batches order by loaded_at").fetchall()
    finally:
        con.close()


def test_the_room_saves_its_answers_as_a_batch_shown_by_place_and_undone(save_server, browser):
    server, db = save_server
    presenter = browser.new_context(viewport={"width": 1280, "height": 1600}).new_page()
    try:
        open_page(presenter, f"{server.url}/present?view=presenter&place=bodmin")
        presenter.get_by_role("button", name="Show the question to the room").click()
        expect(presenter.locator(".room-panel")).to_be_visible()
        code = re.search(r"with the code ([A-Z0-9]{8})", presenter.inner_text("body")).group(1)
        for choice in ANSWERS:
            phone = Phone(server.url, code, room_votes.new_token())
            try:
                phone.open()
                phone.answer(choice)
            finally:
                phone.close()
        expect(presenter.locator(".room-panel")).to_contain_text("4 answers so far")
        presenter.get_by_role("button", name="Close the question").click()
        presenter.get_by_label("Upload password").fill(PASSWORD)
        presenter.get_by_role("button", name="Sign in").click()
        presenter.get_by_label("Your name (recorded with the answers)").fill("Fay Cilitator")
        presenter.keyboard.press("Tab")
        presenter.get_by_role("button", name="Save the room's answers").click()
        saved = presenter.get_by_text(re.compile(r"Saved the room's answers \(batch \S+\)"))
        expect(saved).to_be_visible(timeout=PATIENCE_MS)
        batch = re.search(r"\(batch (\S+)\)", saved.inner_text()).group(1)
        assert (batch, "workshop_answers") in _batches(db)
        link = presenter.get_by_role("link", name="See what workshops have said")
        assert link.get_attribute("href").endswith("workshops?place=bodmin")
        screenshot(presenter, "room_saved")
        assert_no_exception(presenter)

        reader = presenter.context.new_page()
        open_page(reader, f"{server.url}/workshops?place=bodmin")
        headline = "Funding was chosen most often across 1 workshop about Bodmin (3 of 4 answers)"
        expect(reader.get_by_text(headline, exact=True)).to_be_visible()

        # Undo, as an analyst does on the Add data page.
        open_page(reader, f"{server.url}/upload")
        reader.get_by_label("Upload password").fill(PASSWORD)
        reader.get_by_role("button", name="Sign in").click()
        reader.get_by_role("button", name=f"Undo {batch}").click()
        reader.get_by_role("button", name="Yes, undo this batch").click()
        expect(reader.get_by_text(f"Undone batch {batch}")).to_be_visible(timeout=PATIENCE_MS)
        open_page(reader, f"{server.url}/workshops?place=bodmin")
        expect(reader.get_by_text("No workshop has saved its room's answers yet")).to_be_visible()
        assert_no_exception(reader)
    finally:
        presenter.context.close()
