"""Files that lie about their size (issue 16, item 4): every limit in
fivebarriers/data/limits.py is checked before the part of the file it guards
is read, the refusal says what to do, nothing is written, and reading any of
these files never takes the process past a memory cap."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fivebarriers.data import ingest, limits, read_csv, read_xlsx, readers
from fivebarriers.data.readers import Upload
from tests.bad_files import make_bad_files as make
from tests.test_ingest import BAD, db_checksum, outputs_csv

ROOT = Path(__file__).resolve().parent.parent
# What reading and checking one file may add to the process's memory, stated in the README.
MEMORY_HEADROOM_MB = 600


def refused(source, db: Path, fragment: str, table: str | None = None) -> ingest.Report:
    before = db_checksum(db)
    report = ingest.ingest(source, table=table, db=db, loaded_by="tests")
    assert not report.ok and not report.loaded
    assert any(fragment in p.message for p in report.problems), report.lines()
    assert db_checksum(db) == before
    return report


def test_a_million_column_header_is_refused_before_parsing(fresh_db: Path):
    data = make.wide_header_csv()
    assert len(data) > 7_000_000
    refused(Upload("wide.csv", data), fresh_db, "row 1 is longer than 1.0 MB: it cannot be a header")


def test_more_columns_than_the_limit_are_refused_with_the_count(fresh_db: Path):
    data = make.wide_header_csv(columns=limits.MAX_COLUMNS + 1)
    report = refused(Upload("wide.csv", data), fresh_db, "row 1 has 201 columns; a file may have at most 200")
    assert report.problems[0].row == 1


def test_commas_inside_quotes_are_not_columns():
    header = ",".join(f'"name, {i}"' for i in range(150)).encode() + b"\r\n"
    sheet = readers.read(Upload("quoted.csv", header + b",".join([b"x"] * 150) + b"\r\n"))
    assert not any("columns; a file may have at most" in p.message for p in sheet.problems)
    assert len(sheet.header) == 150


def test_too_many_cells_are_refused_before_parsing(monkeypatch, fresh_db: Path):
    monkeypatch.setattr(read_csv, "MAX_CELLS", 1_000)
    lines = [",".join(make.COLUMNS)] + [",".join(["x"] * len(make.COLUMNS))] * 100
    refused(
        Upload("many.csv", "\r\n".join(lines).encode()),
        fresh_db,
        # the outputs template's columns (issue 12 added three)
        f"the file has about 101 rows of {len(make.COLUMNS)} columns ({101 * len(make.COLUMNS):,} cells); "
        "the limit is 1,000 cells",
    )


def test_a_cell_longer_than_the_parser_takes_is_refused_without_a_traceback(fresh_db: Path):
    lines = [",".join(make.COLUMNS), "a," + "x" * 200_000 + ",b"]
    refused(Upload("long.csv", "\r\n".join(lines).encode()), fresh_db, "a cell is longer than 131,072")


def test_a_header_cell_longer_than_the_parser_takes_is_refused(fresh_db: Path):
    refused(Upload("long_header.csv", b"x" * 200_000 + b"\r\n1\r\n"), fresh_db, "a cell is longer than")


def test_a_workbook_that_expands_over_the_ratio_is_refused_unread(fresh_db: Path):
    data = make.high_ratio_xlsx()
    assert len(data) < 1_000_000
    refused(Upload("ratio.xlsx", data), fresh_db, "would expand to 97.0 MB when opened (")


def test_a_workbook_that_expands_past_the_size_limit_is_refused(monkeypatch, fresh_db: Path):
    monkeypatch.setattr(read_xlsx, "MAX_XLSX_EXPANDED", 2_000)
    data = (BAD / "formula_as_text_valid.xlsx").read_bytes()
    refused(Upload("big.xlsx", data), fresh_db, "a workbook may expand to 2.0 KB")


def test_declared_cells_over_the_limit_are_refused_before_reading(monkeypatch, fresh_db: Path):
    monkeypatch.setattr(read_xlsx, "MAX_XLSX_CELLS", 20)
    data = (BAD / "formula_as_text_valid.xlsx").read_bytes()  # declares A1:X2, 48 cells
    refused(Upload("cells.xlsx", data), fresh_db, "says it uses A1:X2 (24 columns, 2 rows, 48 cells)")


def test_a_sheet_that_goes_on_past_its_rows_is_refused_while_reading(monkeypatch, fresh_db: Path):
    monkeypatch.setattr(read_xlsx, "MAX_XLSX_ROWS", 1000)
    refused(BAD / "sparse_no_dimension.xlsx", fresh_db, "has data in column XFD of row 1")
    long = make.sparse_xlsx(dimension=None, wide=False)
    refused(Upload("long.xlsx", long), fresh_db, "goes on past row 1,000")


def test_malformed_sheet_values_are_a_problem_not_a_traceback(fresh_db: Path):
    sheet = (
        f'{make._XML}<worksheet xmlns="{make._SML}"><sheetData><row r="1">'
        '<c r="A1" t="s"><v>999</v></c></row><row r="two"><c><v>abc</v></c></row></sheetData></worksheet>'
    )
    report = refused(Upload("broken.xlsx", make.raw_xlsx(sheet)), fresh_db, "")
    assert report.problems and report.problems[0].row is None
    assert "save it again as .xlsx" in report.problems[0].message


CAPPED = textwrap.dedent(
    """
    import json, resource, sys
    sys.path.insert(0, {root!r})
    from fivebarriers.data import readers, validate
    from tests.bad_files import make_bad_files as make

    def peak_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmSize:"):
                return int(line.split()[1]) / 1024

    # Warm up (imports, Arrow's thread pool) on a valid file, then cap the address space.
    readers.read(sys.argv[1])
    cap = int((peak_mb() + {headroom}) * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    files = {{
        "wide_header.csv": make.wide_header_csv(),
        "sparse_used_range.xlsx": make.sparse_xlsx("A1:XFD1048576"),
        "sparse_no_dimension.xlsx": make.sparse_xlsx(None),
        "sparse_rows_only.xlsx": make.sparse_xlsx(None, wide=False),
        "high_ratio.xlsx": make.high_ratio_xlsx(),
        "wide_rows.csv": (",".join(make.COLUMNS) + "\\r\\n" + ",".join(["x"] * 1_000_000)).encode(),
    }}
    out = {{}}
    for name, data in files.items():
        sheet = readers.read(readers.Upload(name, data))
        if sheet.header:
            validate.convert("outputs", sheet.frame[[c for c in sheet.frame.columns if c in make.COLUMNS]])
        out[name] = [p.message for p in sheet.problems][:2]
    print(json.dumps(out))
    """
)


@pytest.mark.slow
def test_no_file_takes_the_reader_past_a_memory_cap(tmp_path: Path):

    valid = outputs_csv(tmp_path / "valid.csv", n=3)
    script = CAPPED.format(root=str(ROOT), headroom=MEMORY_HEADROOM_MB)
    result = subprocess.run(
        [sys.executable, "-c", script, str(valid)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert "row 1 is longer than 1.0 MB" in found["wide_header.csv"][0]
    assert "says it uses A1:XFD1048576" in found["sparse_used_range.xlsx"][0]
    assert "has data in column XFD of row 1" in found["sparse_no_dimension.xlsx"][0]
    assert "would expand to 97.0 MB" in found["high_ratio.xlsx"][0]
    assert f"this row has 1,000,000 cells but the header has {len(make.COLUMNS)}" in found["wide_rows.csv"][0]
    # The rows-only variant is read (a million empty rows are skipped, not padded) and has no problem
    # of its own: its one data row is then checked like any other.
    assert found["sparse_rows_only.xlsx"] == []
