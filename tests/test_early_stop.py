"""Every early stop finishes the page (ux review 2026-12-06, M11; security
review row 17): no "Drawing the results…" left above the title, and the
footer at the foot. Pages call page_run.stop() instead of st.stop()."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers import auth
from fivebarriers.config import ROOT
from fivebarriers.views import chrome

FOOTER_LINKS = ("[Contact us](", "[Give feedback](")


def first_visit(page: str, **params: str) -> AppTest:
    """A new session's first run, straight onto `page` (the run that shows
    the loading line)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def markdown_texts(at: AppTest) -> list[str]:
    return [str(m.value) for m in at.markdown]


def assert_finished(at: AppTest) -> None:
    texts = markdown_texts(at)
    assert chrome.LOADING_TEXT not in texts
    for link in FOOTER_LINKS:
        assert any(link in t for t in texts), link


def test_compare_with_one_id_ends_with_the_footer(fresh_db: Path):
    at = first_visit("pages/compare.py", kind="place", ids="east-sussex")
    assert any("Choose at least 2" in str(i.value) for i in at.info)
    assert_finished(at)


def test_add_data_with_loading_off_ends_with_the_footer(fresh_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    at = first_visit("pages/upload.py")
    assert any("Uploading is switched off" in str(i.value) for i in at.info)
    assert_finished(at)


def test_add_data_before_sign_in_ends_with_the_footer(fresh_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password("a password for this test"))
    at = first_visit("pages/upload.py")
    assert "Upload password" in [t.label for t in at.text_input]
    assert_finished(at)
