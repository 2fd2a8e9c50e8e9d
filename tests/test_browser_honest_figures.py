"""Issue 12 in real headless Chromium, played as a reader does with the
keyboard and mouse: DfE's page does not credit it with the Good Help Hub's
results unless the reader asks for every link (and then says "mentioned only");
the Overview on 5,000 synthetic outputs counts every result with a goal,
says how many it draws and links to all of them; no page writes a point
ratio ("5.5× the goal") for a value qualified "over"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fivebarriers.data import synth
from tests.conftest import (
    PATIENCE_MS,
    AppServer,
    assert_no_exception,
    axe_violations,
    describe_violations,
    open_page,
    screenshot,
    visit,
    wait_for_app,
)
from tests.test_browser_pages import _tab_to

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def synth_server(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[AppServer]:
    db: Path = tmp_path_factory.mktemp("browser-synth") / "synth5000.duckdb"
    synth.synth(db, 5_000, seed=11)
    server = AppServer(db)
    yield server
    server.stop()


def _choose(page, label: str, typed: str, param: str) -> None:
    """Tab to a select box, type to filter its options, press Enter."""
    _tab_to(page, label)
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"[?&]{param}="), timeout=PATIENCE_MS)
    wait_for_app(page, timeout=PATIENCE_MS)
    assert_no_exception(page)


def test_dfe_is_not_credited_with_the_good_help_hub(app_server, page):
    open_page(page, f"{app_server.url}/departments")
    _choose(page, "Department", "Department for Education", "department")
    assert "department=dfe" in page.url
    body = page.inner_text("body")
    assert "Department for Education" in body
    assert "Good Help Hub" not in body and "over 550" not in body
    screenshot(page, "honest-dfe-led-or-partnered")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    # The reader asks for every link: the Hub appears, with DfE's role written out.
    _choose(page, "Count the pilots a department", "including mentioned only", "roles")
    assert "roles=all" in page.url
    body = page.inner_text("body")
    assert "Good Help Hub, Croxteth" in body and "mentioned only" in body
    screenshot(page, "honest-dfe-every-link")


def test_overview_at_5000_outputs_counts_all_and_links_to_them(synth_server, page):
    open_page(page, synth_server.url)
    assert_no_exception(page)
    body = page.inner_text("body")
    shown = re.search(r"12 of ([\d,]+) results with a goal are drawn", body)
    assert shown, "the chart must say it draws 12 of all the results with a goal"
    total = shown.group(1)
    assert int(total.replace(",", "")) > 1000
    checked = r"[\d,]+ of the [\d,]+ results that can be checked against a goal passed their goal"
    assert re.search(checked, body)
    assert re.search(r"went furthest past its goal \((over |at least )?[\d.]+× the goal\)", body)
    screenshot(page, "honest-overview-5000")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    page.get_by_role("link", name=f"All {total} results with a goal, in the Results explorer").click()
    page.wait_for_url(re.compile(r"/explorer"), timeout=PATIENCE_MS)
    wait_for_app(page, timeout=PATIENCE_MS)
    assert_no_exception(page)
    assert "results match" in page.inner_text("body")


@pytest.mark.parametrize(
    "path", ["", "barriers?barrier=structures", "places?place=croxteth", "departments?department=dwp"]
)
def test_no_point_ratio_for_an_over_value(app_server, tab, path):
    page = tab
    visit(page, f"{app_server.url}/{path}")
    assert_no_exception(page)
    body = page.inner_text("body")
    assert "5.5× the goal" not in body.replace("over 5.5× the goal", "")
