"""The Add data page in AppTest: closed without configuration, sign-in,
upload, the problem table, a load, and an undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers import auth
from fivebarriers.config import ROOT
from fivebarriers.data import tables
from fivebarriers.views import upload as view
from tests.test_ingest import BAD, db_checksum, outputs_csv, scalar

PASSWORD = "correct horse battery staple"
TIMEOUT = 60


@pytest.fixture(scope="module")
def stored_hash() -> str:
    return auth.hash_password(PASSWORD)


def open_page(secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest, password: str) -> AppTest:
    field = next(t for t in at.text_input if t.label == "Upload password")
    field.input(password)
    next(b for b in at.button if b.label == "Sign in").click()
    at.run()
    assert not at.exception, at.exception
    return at


def unescape(text: str) -> str:
    return text.replace("\\", "")


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def test_closed_without_configuration(fresh_db: Path, monkeypatch):
    """Closed (issue 16): it says who to ask and what to do today, and the
    operator's how-to sits in an expander; no sign-in and no load."""
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    monkeypatch.delenv(view.ENV_CONTACT_NAME, raising=False)
    monkeypatch.delenv(view.ENV_CONTACT_EMAIL, raising=False)
    at = open_page()
    info = texts(at.info)
    assert "Uploading is switched off" in info
    assert "ask the team that runs this dashboard" in info and "check it here" in info
    assert "fivebarriers hash-password" in info  # the operator's part, in its expander
    assert [u.label for u in at.file_uploader] == [
        f"CSV (UTF-8) or Excel .xlsx file to check, up to {view.UPLOAD_MAX_MB} MB"
    ]
    assert not [t for t in at.text_input if t.label == "Upload password"]
    assert not [b for b in at.button if b.label.startswith("Load ")]


def test_closed_page_names_the_configured_contact(fresh_db: Path, monkeypatch):
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    monkeypatch.setenv(view.ENV_CONTACT_NAME, "Data Team")
    monkeypatch.setenv(view.ENV_CONTACT_EMAIL, "data-team@example.gov.uk")
    at = open_page()
    shown = texts(at.info)
    # The address is a real mailto link, with no invisible characters in it.
    link = "[data-team@example.gov.uk](mailto:data-team@example.gov.uk)"
    assert f"ask Data Team ({link}) to load your file" in shown
    assert "\u2060" not in shown


def test_contact_from_secrets(fresh_db: Path, monkeypatch):
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    monkeypatch.delenv(view.ENV_CONTACT_NAME, raising=False)
    monkeypatch.delenv(view.ENV_CONTACT_EMAIL, raising=False)
    at = open_page({"contact": {"name": "Evidence Unit", "email": "not an address"}})
    assert "ask Evidence Unit to load your file" in texts(at.info)
    assert "not an address" not in texts(at.info)


@pytest.mark.slow
def test_closed_page_checks_a_file_and_loads_nothing(fresh_db: Path, monkeypatch, tmp_path: Path):
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    before = db_checksum(fresh_db)
    at = open_page()
    at.file_uploader[0].set_value(("unknown_keys.csv", (BAD / "unknown_keys.csv").read_bytes(), "text/csv"))
    at.run()
    assert not at.exception, at.exception
    problems = at.table[-1].value
    assert list(problems.columns) == ["Row", "Column", "Problem"]
    assert "did you mean 'good-help-hub'?" in unescape(problems.iloc[0]["Problem"])
    data = outputs_csv(tmp_path / "wave2.csv", n=2).read_bytes()
    at.file_uploader[0].set_value(("wave2.csv", data, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    assert "No problems: 2 rows would load into outputs. Nothing was loaded" in texts(at.success).replace(
        "\\", ""
    )
    assert not [b for b in at.button if b.label.startswith("Load ")]
    assert db_checksum(fresh_db) == before


def test_templates_and_id_lists_are_offered_even_when_closed(fresh_db: Path, monkeypatch):
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    at = open_page()
    labels = {b.proto.label for b in at.get("download_button")}
    for table in tables.INGESTABLE:
        assert {f"{table} (CSV)", f"{table} (Excel)"} <= labels
    for _, label, _ in view.ID_LISTS:
        assert {f"Download {label.lower()} ids (CSV)", f"Download {label.lower()} ids (Excel)"} <= labels
    [pilots] = [d.value for d in at.dataframe if "pilot_id" in d.value.columns]
    assert "good-help-hub" in set(pilots["pilot_id"])


def test_problems_download_whole_and_formula_safe():
    import pandas as pd

    from fivebarriers.views import export

    long = "did you mean 'east-sussex-fuel-poverty'? " * 5
    problems = pd.DataFrame(
        {"row": pd.array([None, 7], dtype="Int64"), "column": ["", "measure"], "problem": ["=cmd|x", long]}
    )
    rows = view.problem_rows(problems)
    assert rows.to_dict("records") == [
        {"Row": "whole file", "Column": "", "Problem": "=cmd|x"},
        {"Row": "7", "Column": "measure", "Problem": long},
    ]
    text = export.csv_bytes(rows).decode("utf-8-sig")
    assert "'=cmd|x" in text and long.strip() in text


def test_wrong_then_right_password(fresh_db: Path, monkeypatch, stored_hash: str):
    monkeypatch.setenv(auth.ENV_HASH, stored_hash)
    at = open_page()
    assert len(at.file_uploader) == 0
    sign_in(at, "not the password")
    assert "That password is not right." in texts(at.error)
    assert len(at.file_uploader) == 0
    sign_in(at, PASSWORD)
    assert len(at.file_uploader) == 1
    assert not at.error


def test_password_from_streamlit_secrets(fresh_db: Path, monkeypatch, stored_hash: str):
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    at = open_page({auth.SECRET_KEY: stored_hash})
    sign_in(at, PASSWORD)
    assert len(at.file_uploader) == 1


def test_bad_file_shows_the_problem_table_and_no_load_button(fresh_db: Path, monkeypatch, stored_hash: str):
    monkeypatch.setenv(auth.ENV_HASH, stored_hash)
    before = db_checksum(fresh_db)
    at = sign_in(open_page(), PASSWORD)
    data = (BAD / "over_550_in_number.csv").read_bytes()
    at.file_uploader[0].set_value(("over_550_in_number.csv", data, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    assert "1 problem in over\\_550\\_in\\_number\\.csv" in texts(at.error)
    problems = at.table[-1].value
    assert list(problems.columns) == ["Row", "Column", "Problem"]
    assert (problems.iloc[0]["Row"], problems.iloc[0]["Column"]) == ("2", "actual")
    assert "put 550 in actual and 'over' in qualifier" in unescape(problems.iloc[0]["Problem"])
    assert [d.proto.label for d in at.get("download_button")].count("Download the problems (CSV)") == 1
    assert not [b for b in at.button if b.label.startswith("Load ")]
    assert db_checksum(fresh_db) == before


@pytest.mark.slow
def test_load_then_undo(fresh_db: Path, tmp_path: Path, monkeypatch, stored_hash: str):
    monkeypatch.setenv(auth.ENV_HASH, stored_hash)
    before = db_checksum(fresh_db)
    at = sign_in(open_page(), PASSWORD)
    data = outputs_csv(tmp_path / "wave2.csv", n=3).read_bytes()
    at.file_uploader[0].set_value(("wave2.csv", data, "text/csv"))
    at.run()
    [preview] = [d.value for d in at.dataframe if "row" in d.value.columns and "output_id" in d.value.columns]
    assert list(preview["output_id"]) == ["wave2-0", "wave2-1", "wave2-2"]
    assert list(preview["row"]) == [2, 3, 4]
    assert "No problems: 3 rows ready to load into outputs." in texts(at.success).replace("\\", "")
    load = next(b for b in at.button if b.label == "Load 3 rows into outputs")
    assert load.disabled  # no name yet
    next(t for t in at.text_input if t.label.startswith("Your name")).input("Ana Lyst")
    at.run()
    next(b for b in at.button if b.label == "Load 3 rows into outputs").click()
    at.run()
    assert not at.exception, at.exception
    batch = scalar(fresh_db, "select batch_id from ingest_batches")
    assert scalar(fresh_db, "select loaded_by from ingest_batches") == "Ana Lyst"
    assert scalar(fresh_db, "select count(*) from outputs where batch_id = $b", {"b": batch}) == 3
    assert f"Loaded batch {batch}: 3 rows into outputs from wave2.csv." in texts(at.success).replace("\\", "")
    # In place of the Load button: the success, then links to what the load changed.
    assert not [b for b in at.button if b.label.startswith("Load ")]
    shown = texts(at.markdown)
    assert "- [See Good Help Hub, Croxteth](pilots?pilot=good-help-hub)" in shown
    assert "(places?place=" in shown and "(programmes?programme=pfpp)" in shown
    history = at.table[-1].value
    assert list(history["Batch"]) == [batch] and list(history["State"]) == ["loaded"]

    next(b for b in at.button if b.label == f"Undo {batch}").click()
    at.run()
    next(b for b in at.button if b.label == "Yes, undo this batch").click()
    at.run()
    assert not at.exception, at.exception
    assert f"Undone batch {batch}: removed 3 rows from outputs." in texts(at.success).replace("\\", "")
    after = db_checksum(fresh_db)
    assert {t: d for t, d in after.items() if t != "ingest_batches"} == {
        t: d for t, d in before.items() if t != "ingest_batches"
    }
    assert at.table[-1].value["State"].iloc[0].startswith("undone")
    assert view.NOTHING_TO_UNDO in texts(at.markdown)
    assert not [b for b in at.button if b.label.startswith("Undo ")]


@pytest.mark.slow
def test_a_load_refuses_an_upload_changed_after_its_check(
    fresh_db: Path, tmp_path: Path, monkeypatch, stored_hash: str
):
    """Security review 2026-12-06, finding 1, as AppTest can play it: the
    upload is replaced (same row count, so the same button label) between
    the check and the click. The click is for the checked bytes: refused."""
    monkeypatch.setenv(auth.ENV_HASH, stored_hash)
    before = db_checksum(fresh_db)
    at = sign_in(open_page(), PASSWORD)
    next(t for t in at.text_input if t.label.startswith("Your name")).input("Ana Lyst")
    checked = outputs_csv(tmp_path / "wave.csv", n=1, prefix="wave").read_bytes()
    at.file_uploader[0].set_value(("wave.csv", checked, "text/csv"))
    at.run()
    load = next(b for b in at.button if b.label == "Load 1 row into outputs")
    attacker = outputs_csv(tmp_path / "attacker.csv", n=1, prefix="rt-attacker", actual="9999999")
    replaced = attacker.read_bytes()
    at.file_uploader[0].set_value(("wave.csv", replaced, "text/csv"))
    load.click()
    at.run()
    assert not at.exception, at.exception
    assert view.CHANGED_AFTER_CHECK in texts(at.error)
    assert not [s for s in at.success if "Loaded batch" in str(s.value)]
    assert db_checksum(fresh_db) == before

    # The replacement is now the file checked and shown: its own button loads it.
    next(b for b in at.button if b.label == "Load 1 row into outputs").click()
    at.run()
    assert not at.exception, at.exception
    assert scalar(fresh_db, "select actual from outputs where output_id = 'rt-attacker-0'") == 9999999


def test_links_after_a_load_name_each_page_and_count_the_rest():
    from fivebarriers.views import links

    changed = [{"kind": "pilot", "entity_id": f"p{i:02d}", "name": f"Pilot {i:02d}"} for i in range(11)]
    changed += [{"kind": "place", "entity_id": "east-sussex", "name": "East Sussex"}]
    lines = view.see_lines(changed, links.md)
    assert lines[0] == "- [See Pilot 00](pilots?pilot=p00)"
    assert lines[view.LINKS_SHOWN] == "- and 1 more pilot"
    assert lines[-1] == "- [See East Sussex](places?place=east-sussex)"
    assert len(lines) == view.LINKS_SHOWN + 2
