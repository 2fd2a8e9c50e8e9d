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
    after_run,
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
    page.get_by_label("Upload password").wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)  # the page draws the templates and id lists first
    assert_no_exception(page)
    screenshot(page, "upload_sign_in")
    assert_accessible(page)
    page.get_by_label("Upload password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)
    wait_for_app(page)


def upload(page, path: Path) -> None:
    chooser = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    after_run(page, lambda: chooser.set_input_files(str(path)))
    page.wait_for_selector("text=Check it", timeout=30_000)


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
    assert (
        page.get_by_role("link", name="See Good Help Hub, Croxteth")
        .get_attribute("href")
        .endswith("pilots?pilot=good-help-hub")
    )
    assert page.get_by_role("button", name=f"Undo {batch}").count() == 1
    screenshot(page, "upload_loaded")
    assert_accessible(page)


def choose_file(page, path: Path, label: str) -> None:
    """As a person does it: click the uploader's Browse button, pick the file."""
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text=label)
    remove = uploader.get_by_role("button", name=re.compile("^Remove "))
    if remove.count():  # the last file is still there: take it away first, as a person would
        remove.click()
        wait_for_app(page)
    with page.expect_file_chooser() as chooser:
        uploader.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files(str(path))
    page.wait_for_selector("text=The first rows as read", timeout=30_000)
    wait_for_app(page)


def test_load_a_spreadsheet_with_a_typo_and_fix_it(upload_server, page, tmp_path: Path):
    """Issue 16: the analyst's task end to end. A file with a misspelt pilot
    id is refused with its row, column and the likely id; the analyst fixes
    the cell, uploads again and loads it."""
    server, db = upload_server
    sign_in(page, server.url)
    before = scalar(db, "select count(*) from outputs")
    typo = outputs_csv(tmp_path / "wave3.csv", n=2, prefix="wave3", pilot_id="good-help-hb")
    choose_file(page, typo, "CSV (UTF-8) or Excel")
    body = page.inner_text("body")
    assert "2 problems in wave3.csv" in body
    problems = page.locator('[data-testid="stDataFrame"]').last
    assert problems.is_visible()
    assert page.get_by_role("button", name=re.compile(r"^Load \d")).count() == 0
    screenshot(page, "upload_typo_refused")
    assert_accessible(page)
    assert scalar(db, "select count(*) from outputs") == before

    fixed = outputs_csv(tmp_path / "wave3.csv", n=2, prefix="wave3")  # the cell corrected, saved again
    choose_file(page, fixed, "CSV (UTF-8) or Excel")
    assert "No problems: 2 rows ready to load into outputs." in page.inner_text("body")
    name = page.get_by_label("Your name (recorded with the load)")
    name.click()
    page.keyboard.type("Ana Lyst")
    page.keyboard.press("Tab")
    wait_for_app(page)
    page.get_by_role("button", name="Load 2 rows into outputs").click()
    page.wait_for_selector("text=Loaded batch", timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)
    assert scalar(db, "select count(*) from outputs") == before + 2
    assert scalar(db, "select pilot_id from outputs where output_id = 'wave3-0'") == "good-help-hub"
    screenshot(page, "upload_typo_fixed_and_loaded")


@pytest.fixture(scope="module")
def closed_server(built_db: Path) -> Iterator[AppServer]:
    server = AppServer(
        built_db,
        env={
            auth.ENV_HASH: "",
            "FIVEBARRIERS_CONTACT_NAME": "Evidence Unit",
            "FIVEBARRIERS_CONTACT_EMAIL": "evidence@example.gov.uk",
        },
    )
    yield server
    server.stop()


def test_closed_page_offers_templates_ids_and_a_check(closed_server, page, tmp_path: Path):
    """Loading switched off: the analyst learns who to ask, downloads the
    Excel template (with its drop-down lists) and checks a file."""
    import io

    import openpyxl

    page.goto(f"{closed_server.url}/upload")
    page.wait_for_selector("text=Uploading is switched off", timeout=60_000)  # a fresh server warms up
    wait_for_app(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert "ask Evidence Unit (evidence@example.gov.uk) to load your file" in body  # no hidden characters
    email = page.get_by_role("link", name="evidence@example.gov.uk")
    assert email.get_attribute("href") == "mailto:evidence@example.gov.uk"
    screenshot(page, "upload_closed")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="outputs (Excel)", exact=True).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "outputs_template.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()))
    assert book.sheetnames[0] == "outputs"
    rules = {str(r.sqref): r.formula1 for r in book["outputs"].data_validations.dataValidation}
    assert "K2:K5001" in rules  # kind: achieved / expected
    lists = book["allowed values"]
    assert "good-help-hub" in [c.value for col in lists.iter_cols() for c in col]

    page.get_by_role("tab", name="Sources").click()
    page.wait_for_selector("text=Download sources ids (CSV)")
    choose_file(page, BAD / "unknown_keys.csv", "file to check")
    body = page.inner_text("body")
    assert "2 problems in unknown_keys.csv" in body
    assert page.get_by_role("button", name=re.compile(r"^Load \d")).count() == 0
    screenshot(page, "upload_closed_checked")
    assert_accessible(page)


def replace_by_upload_url(base_url: str, upload_url: str, name: str, data: bytes) -> int:
    """The security review's reproduction (finding 1): an outsider with no
    cookie or password of the analyst's takes an XSRF cookie of their own from
    /_stcore/health and PUTs a replacement to the upload URL."""
    import requests

    outsider = requests.Session()
    outsider.get(f"{base_url}/_stcore/health", timeout=30)
    token = outsider.cookies.get("_streamlit_xsrf")
    assert token, "Streamlit gave no XSRF cookie"
    answer = outsider.put(
        upload_url,
        headers={"X-Xsrftoken": token},
        files={"file": (name, data, "text/csv")},
        timeout=30,
    )
    return answer.status_code


def test_a_file_replaced_by_its_upload_url_after_the_check_is_not_loaded(upload_server, page, tmp_path: Path):
    """Issue 30, item 1: the analyst checks a 1-row file; an outsider PUTs a
    1-row replacement (so the Load button keeps its label) to the URL the
    browser uploaded to; the analyst's click is refused and nothing is written."""
    server, db = upload_server
    sign_in(page, server.url)
    name = page.get_by_label("Your name (recorded with the load)")
    name.fill("Ana Lyst")
    page.keyboard.press("Tab")
    wait_for_app(page)
    puts: list[str] = []
    page.on(
        "request",
        lambda r: puts.append(r.url) if r.method == "PUT" and "/_stcore/upload_file/" in r.url else None,
    )
    checked = outputs_csv(tmp_path / "wave.csv", n=1, prefix="wave-put")
    upload(page, checked)
    assert "No problems: 1 row ready to load into outputs." in page.inner_text("body")
    assert len(puts) == 1, puts
    batches_before = scalar(db, "select count(*) from ingest_batches")
    outputs_before = scalar(db, "select count(*) from outputs")

    attacker = outputs_csv(tmp_path / "attacker.csv", n=1, prefix="rt-attacker", actual="9999999")
    assert replace_by_upload_url(server.url, puts[0], "wave.csv", attacker.read_bytes()) == 204

    page.get_by_role("button", name="Load 1 row into outputs").click()
    page.wait_for_selector("text=The file changed after it was checked", timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)
    screenshot(page, "upload_replaced_refused")
    assert "Loaded batch" not in page.inner_text("body")
    assert scalar(db, "select count(*) from ingest_batches") == batches_before
    assert scalar(db, "select count(*) from outputs") == outputs_before
    assert scalar(db, "select count(*) from outputs where output_id like 'rt-attacker%'") == 0
