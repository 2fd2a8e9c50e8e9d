"""The page chrome and the public pages it links to, without a browser:
titles, the contact settings, "Data last changed" and the What changed
history (from the build and from real loads and undos), the accessibility
statement, and "Page not found"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers import contact, queries
from fivebarriers.config import DATA_DIR, ROOT
from fivebarriers.data import curated_date, ingest
from fivebarriers.views import changes, chrome, navigation
from tests.test_ingest import outputs_csv
from tests.test_pages import page_text, run_page

# --- titles ------------------------------------------------------------------------------------


def test_document_title_is_most_specific_first():
    assert chrome.document_title("Liverpool", "Places") == "Liverpool · Places · Five Barriers"
    assert chrome.document_title(None, "Overview") == "Overview · Five Barriers"
    assert chrome.document_title() == "Five Barriers"


def test_every_page_title_is_distinct():
    titles = [chrome.document_title(p.title) for p in navigation.PAGES]
    assert len(set(titles)) == len(titles)


# --- contact settings --------------------------------------------------------------------------


def test_contact_defaults_to_the_team_with_no_address(monkeypatch: pytest.MonkeyPatch):
    for name in contact.ENV.values():
        monkeypatch.delenv(name, raising=False)
    who = contact.resolve({})
    assert (who.name, who.email, who.feedback_link) == (contact.DEFAULT_NAME, None, None)


def test_contact_from_secrets_and_the_environment_wins(monkeypatch: pytest.MonkeyPatch):
    for name in contact.ENV.values():
        monkeypatch.delenv(name, raising=False)
    secrets = {"name": "Insight team", "email": "insight@example.org"}
    who = contact.resolve(secrets)
    assert who.mailto == "mailto:insight@example.org"
    assert who.feedback_link == "mailto:insight@example.org?subject=Feedback%20on%20Five%20Barriers"
    monkeypatch.setenv("FIVEBARRIERS_CONTACT_EMAIL", "other@example.org")
    monkeypatch.setenv("FIVEBARRIERS_FEEDBACK_URL", "https://forms.example.org/fb")
    who = contact.resolve(secrets)
    assert (who.name, who.email, who.feedback_link) == (
        "Insight team",
        "other@example.org",
        "https://forms.example.org/fb",
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("email", "x@y.org](javascript:alert(1))"),
        ("email", "not an address"),
        ("feedback_url", "javascript:alert(1)"),
        ("feedback_url", "https://ok.example/a) [b](https://evil.example"),
    ],
)
def test_contact_values_that_could_break_a_link_are_ignored(key: str, value: str, monkeypatch):
    for name in contact.ENV.values():
        monkeypatch.delenv(name, raising=False)
    who = contact.resolve({key: value})
    assert getattr(who, key) is None


# --- when the data last changed ----------------------------------------------------------------


def test_build_records_when_the_curated_csvs_last_changed(built_db: Path):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        value = con.execute("select value from build_info where key = 'data_changed'").fetchone()[0]
    finally:
        con.close()
    assert value == curated_date.curated_changed(DATA_DIR)
    assert dt.date.fromisoformat(value) <= dt.datetime.now(dt.UTC).date()


def test_curated_date_outside_git_is_the_newest_file(tmp_path: Path):
    (tmp_path / "a.csv").write_text("x\n")
    (tmp_path / "b.csv").write_text("y\n")
    stamp = dt.datetime(2025, 3, 31, 12, tzinfo=dt.UTC).timestamp()
    import os

    os.utime(tmp_path / "a.csv", (stamp, stamp))
    os.utime(tmp_path / "b.csv", (stamp - 86400 * 10, stamp - 86400 * 10))
    assert curated_date.curated_changed(tmp_path) == "2025-03-31"


def test_last_changed_is_the_later_of_build_and_loads():
    curated = dt.datetime(2026, 11, 24)
    load = dt.datetime(2026, 11, 28, 9, 30)
    assert changes.last_changed({"curated_changed": curated, "last_load": None}) == dt.date(2026, 11, 24)
    assert changes.last_changed({"curated_changed": curated, "last_load": load}) == dt.date(2026, 11, 28)
    # A database built before the build recorded its date: when it was last written.
    written = dt.datetime(2026, 11, 20, 8)
    assert changes.last_changed({"curated_changed": None, "last_load": None}, written) == dt.date(
        2026, 11, 20
    )
    assert changes.date_text(dt.date(2026, 11, 8)) == "8 November 2026"


def test_history_in_plain_words():
    counts = [
        {"table_name": "programmes", "row_count": 8},
        {"table_name": "outputs", "row_count": 23},
    ]
    events = [
        {"changed_at": dt.datetime(2026, 11, 28, 10, 5), "event": "undone", "batch_id": "b1",
         "table_name": "outputs", "row_count": 1, "changed_by": None},
        {"changed_at": dt.datetime(2026, 11, 28, 9, 0), "event": "loaded", "batch_id": "b1",
         "table_name": "outputs", "row_count": 1, "changed_by": "A. Analyst"},
        {"changed_at": dt.datetime(2026, 11, 24), "event": "curated", "batch_id": None,
         "table_name": None, "row_count": None, "changed_by": None},
    ]  # fmt: skip
    frame = changes.history_frame(events, counts)
    assert list(frame["What changed"]) == [
        "Took out the 1 result of that load (undone).",
        "Added 1 result in one load.",
        "The curated dataset, taken from the published sources: 8 programmes and 23 results.",
    ]
    assert list(frame["When"]) == [
        "28 November 2026, 10:05 UTC",
        "28 November 2026, 09:00 UTC",
        "24 November 2026",
    ]
    assert list(frame["By"]) == ["not recorded", "A. Analyst", changes.CURATED_BY]
    assert (
        changes.summary_text(events)
        == "Since the curated dataset was built, analysts added data in 1 load, 1 of them undone."
    )


def test_history_query_gives_no_file_names_or_checksums():
    sql = queries.sql("data_changes")
    select_list = sql.lower().split("final as")[0]
    assert "file_name" not in select_list and "sha256" not in select_list


# --- pages through AppTest ---------------------------------------------------------------------


def footer_texts(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown) + "\n" + "\n".join(str(t.value) for t in at.text)


def test_app_py_draws_header_and_footer_around_the_page():
    # AppTest's switch_page runs a page without app.py, so the chrome is
    # checked here at the root and on every page in tests/test_browser_chrome.py.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    text = footer_texts(at)
    assert text.startswith("**Beta** This is a new service.")
    for link in ("[Contact us](", "[Give feedback]("):
        assert link in text
    assert at.title[0].value != "Page not found"


def test_changes_page_shows_the_curated_build():
    at = run_page("pages/changes.py")
    text = page_text(at)
    assert "Data last changed: " in text
    assert "No analyst has added data since the curated dataset was built." in text
    assert "The curated dataset, taken from the published sources:" in text


def test_changes_page_lists_a_load_and_its_undo(fresh_db: Path, tmp_path: Path):
    report = ingest.ingest(outputs_csv(tmp_path / "wave.csv", n=2), db=fresh_db, loaded_by="A. Analyst")
    ingest.undo(report.batch_id, db=fresh_db)
    at = run_page("pages/changes.py")
    frame = at.table[0].value
    assert [v.replace("\\", "") for v in frame["What changed"][:2]] == [  # cells are escaped
        "Took out the 2 results of that load (undone).",
        "Added 2 results in one load.",
    ]
    assert list(frame["Batch"][:2]) == [report.batch_id, report.batch_id]
    assert "A. Analyst" in [str(v).replace("\\", "") for v in frame["By"]]
    assert "wave.csv" not in frame.to_string()
    today = changes.date_text(dt.datetime.now(dt.UTC).date())
    assert f"Data last changed: {today}" in page_text(at)


def test_accessibility_statement_has_what_uk_services_publish(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FIVEBARRIERS_CONTACT_EMAIL", "insight@example.org")
    at = run_page("pages/accessibility.py")
    headers = [h.value for h in at.header]
    for heading in (
        "How accessible this website is",
        "Reporting accessibility problems with this website",
        "Contact us",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "What we do to improve accessibility",
        "Preparation of this accessibility statement",
    ):
        assert any(heading in h for h in headers) or heading in page_text(at), heading
    text = page_text(at)
    assert "insight@example.org" in text
    assert "Equality Advisory and Support Service" in text
    assert "axe-core" in text


def test_accessibility_statement_without_a_contact_says_so(monkeypatch: pytest.MonkeyPatch):
    for name in contact.ENV.values():
        monkeypatch.delenv(name, raising=False)
    at = run_page("pages/accessibility.py")
    assert "has no contact address set up yet" in page_text(at)
