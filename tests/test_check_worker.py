"""The Add data page's check runs in a worker with a CPU-time limit, one
anonymous check at a time on the server, and counts a workbook's cells
(empty ones included) against a lower limit for visitors who have not
signed in (security review 2026-12-06, finding 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.empty_cells import workbook
from fivebarriers import auth
from fivebarriers.data import check_worker, ingest, limits
from fivebarriers.data.read_xlsx import count_cells
from fivebarriers.data.readers import Upload
from tests.test_ingest import BAD, outputs_csv
from tests.test_upload_page import open_page, texts

# Over the anonymous limit (200,000), far under the signed-in one (2,000,000).
ROWS = 12_500  # x 19 empty cells, and a header
CELLS = ROWS * 19 + 19


def same_report(a: ingest.Report, b: ingest.Report) -> None:
    assert (a.file_name, a.table, a.sha256, a.rows, a.dry_run) == (
        b.file_name,
        b.table,
        b.sha256,
        b.rows,
        b.dry_run,
    )
    assert a.problems == b.problems and a.notes == b.notes
    assert a.preview.equals(b.preview)


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_normal_file_gives_the_same_report_in_the_worker(fresh_db: Path, tmp_path: Path, signed_in) -> None:
    for name, data in [
        ("wave2.csv", outputs_csv(tmp_path / "wave2.csv", n=3).read_bytes()),
        ("unknown_keys.csv", (BAD / "unknown_keys.csv").read_bytes()),
    ]:
        here = ingest.validate_file(Upload(name, data), None, max_bytes=limits.UPLOAD_MAX_BYTES)
        same_report(check_worker.check(data, name, None, signed_in), here)


def test_the_cells_of_a_workbook_are_counted_empty_ones_included() -> None:
    data = workbook(rows=ROWS)
    assert count_cells(data, 10**9) == CELLS
    assert limits.ANON_MAX_XLSX_CELLS < count_cells(data, limits.ANON_MAX_XLSX_CELLS) < CELLS  # stops early
    assert count_cells(b"PK\x03\x04 not a zip", 100) == 0


def test_an_anonymous_check_refuses_a_workbook_of_too_many_cells(fresh_db: Path, monkeypatch) -> None:
    # The rule at a hundredth of the scale: the limit travels to the worker
    # with each check, and reading a workbook of 237,519 empty cells signed in
    # (below) cost 30 s of a test run for the same proof.
    assert limits.ANON_MAX_XLSX_CELLS == 200_000
    monkeypatch.setattr(limits, "ANON_MAX_XLSX_CELLS", 2_000)
    data = workbook(rows=ROWS // 100)  # 2,394 cells
    report = check_worker.check(data, "empty.xlsx", None, signed_in=False)
    assert [p.message for p in report.problems] == [
        f"the workbook holds more than 2,000 cells ({count_cells(data, 2_000):,} counted, empty ones "
        "included); a file checked without signing in may hold 2,000. Delete the rows and columns beyond "
        "your data (select them, right-click, Delete) and save, or save the sheet as CSV UTF-8"
    ]
    # Signed in, the same workbook is read (under the 2,000,000-cell limit).
    signed_in = check_worker.check(data, "empty.xlsx", None, signed_in=True)
    assert not any("cells" in p.message for p in signed_in.problems), signed_in.problems


@pytest.mark.slow
def test_a_check_past_its_cpu_limit_is_stopped_with_a_problem(fresh_db: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "SIGNED_IN_CHECK_CPU_SECONDS", 1)
    data = workbook()  # the review's: 1.9 million cells, about 18 s of CPU to read
    report = check_worker.check(data, "empty.xlsx", None, signed_in=True)
    assert [p.message for p in report.problems] == [
        "checking this file took more than 1 second of the server's time, so it was stopped: split it "
        "into smaller files (or save a workbook as CSV UTF-8) and check each one"
    ]
    assert report.rows == 0 and report.dry_run


def test_anonymous_checks_take_turns(fresh_db: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "ANON_CHECK_WAIT_SECONDS", 0.2)
    data = outputs_csv(tmp_path / "wave2.csv", n=1).read_bytes()
    assert check_worker._ANON_SLOT.acquire(timeout=5)  # another visitor's check is running
    try:
        with pytest.raises(ingest.IngestError, match="busy checking other files"):
            check_worker.check(data, "wave2.csv", None, signed_in=False)
        assert check_worker.check(data, "wave2.csv", None, signed_in=True).ok  # analysts do not wait
    finally:
        check_worker._ANON_SLOT.release()
    assert check_worker.check(data, "wave2.csv", None, signed_in=False).ok


def test_the_closed_page_refuses_a_workbook_of_empty_cells(fresh_db: Path, monkeypatch) -> None:
    """Before: the review's workbook was read in the dashboard's own process (56 s)."""
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    at = open_page()
    at.file_uploader[0].set_value(("empty.xlsx", workbook(rows=ROWS), "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    problems = at.table[-1].value  # problems are a static table, each message whole
    assert "a file checked without signing in may hold 200,000" in problems.iloc[0]["Problem"].replace(
        "\\", ""
    )
    assert "1 problem in empty.xlsx" in texts(at.error).replace("\\", "")
