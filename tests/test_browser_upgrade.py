"""An operator opens the dashboard on a database made by an older version in
real headless Chromium: the page says what to run instead of failing, with
no WCAG 2.2 A/AA violation; after `fivebarriers upgrade` the same page shows
the data again, with the analyst's load still in it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fivebarriers.config import ROOT
from fivebarriers.data import ingest
from tests.conftest import AppServer, assert_no_exception, axe_violations, describe_violations, screenshot
from tests.test_ingest import outputs_csv, scalar
from tests.test_upgrade import make_outdated

pytestmark = pytest.mark.browser


def test_an_outdated_database_says_run_upgrade_then_upgrades(page, built_db: Path, tmp_path: Path):
    db = tmp_path / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    batch = ingest.ingest(outputs_csv(tmp_path / "a.csv", prefix="kept-by-upgrade"), db=db).batch_id
    make_outdated(db)
    server = AppServer(db)
    try:
        page.goto(server.url)
        warning = page.get_by_text("this database was made by an older version")
        warning.wait_for(timeout=60_000)
        assert "fivebarriers upgrade" in page.locator('[data-testid="stAlert"]').first.inner_text()
        assert_no_exception(page)
        screenshot(page, "upgrade-outdated-database")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)

        done = subprocess.run(
            [sys.executable, "-m", "fivebarriers", "upgrade", "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        page.reload()
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
        )
        assert page.get_by_text("made by an older version").count() == 0
        assert_no_exception(page)
        screenshot(page, "upgrade-after")
    finally:
        server.stop()
    assert scalar(db, "select count(*) from outputs where batch_id = $b", {"b": batch}) == 3
