"""The Add data page in real headless Chromium, with a password configured
through the environment: sign in, a refused file, a load, the history; no
exception and no WCAG 2.2 A/AA violation at each step."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fivebarriers import auth
from tests.conftest import (
    AppServer,
    assert_no_exception,
    axe_violations,
    describe_violations,
    screenshot,
    wait_for_app,
)
from tests.test_ingest import BAD, outputs_csv, scalar

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def upload_server(
    built_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppServer, Path]]:
    db = tmp_path_factory.mktemp("upload_app") / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    server = AppServer(db, env={auth.ENV_HASH: auth.hash_password(PASSWORD)})
    yield server, db
    server.stop()


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def sign_in(page, url: str) -> None:
    page.goto(f"{url}/upload")
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_label("Upload password").wait_for(timeout=30_000)
    screenshot(page, "upload_sign_in")
    assert_accessible(page)
    page.get_by_label("Upload password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)
    wait_for_app(page)


def upload(page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    page.wait_for_selector("text=Check it", timeout=30_000)
    wait_for_app(page)


def test_sign_in_refuse_load_and_history(upload_server, page, tmp_path: Path):
    server, db = upload_server
    sign_in(page, server.url)
    assert_no_exception(page)

    upload(page, BAD / "over_550_in_number.csv")
    body = page.inner_text("body")
    assert "1 problem in over_550_in_number.csv" in body
    assert page.get_by_role("button", name=re.compile(r"^Load \d")).count() == 0
    screenshot(page, "upload_problems")
    assert_accessible(page)

    upload(page, outputs_csv(tmp_path / "wave2.csv", n=3))
    assert "No problems: 3 rows ready to load into outputs." in page.inner_text("body")
    page.get_by_label("Your name (recorded with the load)").fill("Ana Lyst")
    page.keyboard.press("Tab")
    wait_for_app(page)
    page.get_by_role("button", name="Load 3 rows into outputs").click()
    page.wait_for_selector("text=Loaded batch", timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)
    batch = scalar(db, "select batch_id from ingest_batches")
    body = page.inner_text("body")
    assert f"Loaded batch {batch}: 3 rows into outputs from wave2.csv." in body
    assert "See the data: Results explorer" in body
    assert page.get_by_role("button", name=f"Undo {batch}").count() == 1
    screenshot(page, "upload_loaded")
    assert_accessible(page)
