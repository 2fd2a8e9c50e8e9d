"""The corpus of bad files in tests/bad_files/: each is refused with the exact
problem (row as the analyst sees it, column, what to do), and the database
is unchanged, both in content and as a file (never replaced)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fivebarriers.data import ingest
from fivebarriers.store import db
from tests.test_ingest import BAD, db_checksum

# file, table given (None: detected), [(row, column, message fragment)], rows read
CASES: list[tuple[str, str | None, list[tuple[int | None, str | None, str]]]] = [
    ("empty.csv", None, [(None, None, "the file is empty (0 bytes)")]),
    ("binary_renamed.csv", None, [(None, None, "this is not a text file (it contains binary data)")]),
    ("image_renamed.csv", None, [(None, None, "this is a PNG image, not a CSV or .xlsx file")]),
    ("old_excel.xls", None, [(None, None, "old-format Excel (.xls) or password-protected workbook")]),
    (
        "latin1_encoding.csv",
        None,
        [(None, None, "not UTF-8: byte 0xE9 at position 305 (line 2) is not valid")],
    ),
    ("utf16_unicode_text.csv", None, [(None, None, "UTF-16 text (Excel's 'Unicode Text')")]),
    ("semicolons.csv", None, [(1, None, "separated by semicolons, not commas")]),
    ("unknown_table.csv", None, [(1, None, "cannot tell which table this file is for")]),
    ("blank_lines.csv", None, [(6, "target_low", "target_low (150) is above target_high (100): swap them")]),
    ("ragged_row.csv", None, [(3, None, "this row has 25 cells but the header has 24")]),
    (
        "header_typos.csv",
        None,
        [
            (1, "acutal", "unknown column 'acutal': did you mean 'actual'?"),
            (1, "comments", "unknown column 'comments' for outputs: delete it or rename it"),
            (1, "pilot", "unknown column 'pilot': did you mean 'pilot_id'?"),
        ],
    ),
    ("duplicate_header.csv", None, [(1, "actual", "column 'actual' appears twice in row 1")]),
    ("duplicate_in_file.csv", None, [(4, "output_id", "output_id 'bad-file-row-1' is also on row 2")]),
    (
        "duplicate_vs_db.csv",
        None,
        [(2, "output_id", "'ghh-people-helped' is already in the database (in the curated data)")],
    ),
    (
        "unknown_keys.csv",
        None,
        [
            (
                2,
                "pilot_id",
                "unknown pilot 'good-help-hb': it must already exist in pilots "
                "(did you mean 'good-help-hub'?)",
            ),
            (
                2,
                "source_id",
                "unknown source 'pfpp-guidance': it must already exist in sources "
                "(did you mean 'pfpp-guidance-2024'?)",
            ),
        ],
    ),
    (
        "reversed_range.csv",
        None,
        [(2, "target_low", "target_low (250) is above target_high (200): swap them")],
    ),
    (
        "not_reported_with_number.csv",
        None,
        [(2, "actual", "status is 'not reported' but actual is 0: leave actual empty")],
    ),
    ("huge_numbers.csv", None, [(2, "actual", "5,000,000,000,000,000 is implausibly large")]),
    (
        "nan_inf.csv",
        None,
        [
            (2, "actual", "'NaN' is not a number: leave the cell empty when there is no figure"),
            (3, "target_low", "infinite values are not allowed"),
        ],
    ),
    (
        "thousands_comma.csv",
        None,
        [(2, "actual", "'1,234' has a thousands separator: remove the comma and write 1234")],
    ),
    (
        "over_550_in_number.csv",
        None,
        [(2, "actual", "'over 550' mixes a word and a number: put 550 in actual and 'over' in qualifier")],
    ),
    ("number_with_unit.csv", None, [(2, "actual", "write 550 in actual and 'people' in unit")]),
    (
        "not_allowed_values.csv",
        None,
        [
            (2, "kind", "'Achieved' is not allowed: did you mean 'achieved'?"),
            (2, "qualifier", "'approx' is not allowed: did you mean 'about'?"),
            (2, "status", "'reportd' is not allowed: did you mean 'reported'?"),
        ],
    ),
    (
        "missing_required.csv",
        None,
        [(2, "measure", "measure is empty: every row needs one"), (2, "source_id", "source_id is empty")],
    ),
    (
        "future_date.csv",
        None,
        [(2, "period_end", "an achieved result cannot end in the future (2031-03-31)")],
    ),
    (
        "impossible_date.csv",
        None,
        [
            (2, "period_end", "'2023-02-30' is not a real date: check the day and the month"),
            # row 3 holds 31/03/2023, which is read (day first, as in the UK) since issue 16
        ],
    ),
    ("control_characters.csv", None, [(2, "note", "invisible control characters")]),
    (
        "no_strength_of_evidence.csv",
        None,
        [
            (2, "evidence_basis", "evidence_basis is empty: quote or name the passage of the source"),
            (2, "evidence_strength", "evidence_strength is empty: say what stands behind the figure"),
        ],
    ),
    (
        "comparison_not_in_source.csv",
        None,
        [(2, "source_compares_goal", "set it to true only if the source itself compares the result")],
    ),
    (
        "places_cycle.csv",
        None,
        [
            (2, "parent_id", "place 'ward-a' is its own ancestor"),
            (3, "parent_id", "place 'ward-b' is its own ancestor"),
        ],
    ),
    (
        "pilots_reversed_dates.csv",
        None,
        [(2, "end_date", "end_date 2021-02-01 is before start_date 2023-03-31")],
    ),
    ("formula_cells.xlsx", None, [(3, "actual", "the cell holds a formula (=SUM(F3:G3))")]),
    ("excel_error.xlsx", None, [(2, "actual", "the cell shows the Excel error #DIV/0!")]),
    ("several_sheets.xlsx", None, [(None, None, "the workbook has 2 sheets ('Sheet1', 'Notes')")]),
    ("several_sheets.xlsx", "outputs", [(None, None, "name the sheet to load 'outputs'")]),
    ("expands_hugely.xlsx", None, [(None, None, "would expand to 60.0 MB when opened")]),
    # issue 16: headers that say nothing, a template loaded unchanged, cells people type
    ("blank_header.csv", None, [(1, None, "row 1 is empty: the first row must hold the column names")]),
    ("whitespace_only.csv", None, [(1, None, "row 1 is empty: the first row must hold the column names")]),
    ("header_only.csv", None, [(None, None, "the file has a header but no rows: there is nothing to load")]),
    (
        "template_unchanged.csv",
        None,
        [
            (
                2,
                "output_id",
                "this is the template's example row (output_id 'example-ghh-wave2-people-helped'): "
                "replace it with your own data, or delete the row",
            )
        ],
    ),
    (
        "ambiguous_dates.csv",
        None,
        [
            (
                2,
                "period_end",
                "'03/31/2024' is not a date when the day comes first (as in the UK): if you mean "
                "31 March 2024, write 2024-03-31",
            ),
            (3, "period_end", "'31/03/24' has a two-digit year: write the year in full, e.g. 2024-03-31"),
            (4, "period_end", "'2011-12' could be a month (December 2011) or the financial year 2011-12"),
            (5, "period_end", "'next year' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31"),
        ],
    ),
    (
        "no_figure_words.csv",
        None,
        [
            (2, "actual", "'TBC' means there is no figure, but status is not 'not reported'"),
            (3, "baseline", "'-' could be a zero (as accounting formats show it) or a missing figure"),
            (4, "actual", "'n/a' means there is no figure, but status is not 'not reported'"),
        ],
    ),
    (
        "noncharacter_text.csv",
        None,
        [
            (2, "note", "a character that no spreadsheet can hold (a Unicode non-character such as U+FFFE"),
            (3, "measure", "a character that no spreadsheet can hold"),
        ],
    ),
    # issue 16: files that lie about their size
    ("sparse_used_range.xlsx", None, [(None, None, "sheet 'outputs' says it uses A1:XFD1048576")]),
    ("sparse_no_dimension.xlsx", None, [(None, None, "has data in column XFD of row 1")]),
]


@pytest.fixture(scope="module")
def shared_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Every case is refused, so one private copy serves them all.
    path = tmp_path_factory.mktemp("bad_files_db") / "fivebarriers.duckdb"
    shutil.copyfile(built_db, path)
    return path


def test_the_corpus_has_at_least_twenty_bad_files():
    bad = {name for name, _, _ in CASES}
    assert len(bad) >= 20
    # The corpus's files; not its maker (make_bad_files.py) nor Python's __pycache__ beside it.
    on_disk = {p.name for p in BAD.iterdir() if p.is_file() and p.suffix != ".py" and "_valid" not in p.name}
    assert on_disk == bad, "every bad file has a case, and every case a file"


@pytest.mark.parametrize(("name", "table", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_bad_file_is_refused_with_the_exact_problem(name, table, expected, shared_db: Path):
    before = db_checksum(shared_db)
    version = db.file_version(shared_db)
    report = ingest.ingest(BAD / name, table=table, db=shared_db, loaded_by="tests")
    assert not report.ok and not report.loaded
    found = [(p.row, p.column, p.message) for p in report.problems]
    assert len(found) == len(expected), "\n".join(report.lines())
    for (row, column, fragment), (got_row, got_column, message) in zip(
        expected, sorted(found, key=lambda p: (p[0] or 0, p[1] or "")), strict=True
    ):
        assert (got_row, got_column) == (row, column), message
        assert fragment in message
    assert db.file_version(shared_db) == version, "the live file was replaced"
    assert db_checksum(shared_db) == before


def test_blank_rows_are_skipped_and_named(shared_db: Path):
    report = ingest.validate_file(BAD / "blank_lines.csv", db=shared_db)
    assert "skipped 2 blank row(s): 3, 4" in report.notes
    assert report.rows == 3
