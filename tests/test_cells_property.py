"""No input ever produces a traceback (issue 16, item 3): Hypothesis feeds
random cells to the validator and random files (bytes, CSV text, workbooks)
to the reader and to a whole dry-run check, and each answers with a Problem
list or a clean result. Deterministic (derandomized, no example database)
and bounded, so it runs in CI in a few seconds."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fivebarriers.data import ingest, readers, tables, templates, validate
from fivebarriers.data.dates import read_date
from fivebarriers.data.problems import Problem
from fivebarriers.data.readers import Upload
from tests.bad_files import make_bad_files as make
from tests.test_ingest import db_checksum

BOUNDED = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# What people type, and what breaks parsers: any character (lone surrogates,
# non-characters and controls too), and cells that look nearly right.
TRICKY = [
    "",
    " ",
    "TBC",
    "n/a",
    "-",
    "—",
    "NaN",
    "inf",
    "1e309",
    "-0",
    "1,234",
    "over 550",
    "550+",
    "0x10",
    "١٢٣",
    "31/03/2024",
    "03/31/2024",
    "31 March 2024",
    "Mar 2024",
    "Mar-24",
    "2024",
    "Q1 2024",
    "Q5 2024",
    "2023-24",
    "2011-12",
    "45382",
    "99999",
    "20240331",
    "2024-02-30",
    "9999-12-31",
    "0001-01-01",
    "29 Feb 2023",
    "example-x",
    "=SUM(A1)",
    "\ufffe",
    "\ud800",
    "a\x00b",
    "x" * 10_001,
]
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30)
cells = st.one_of(st.sampled_from(TRICKY), any_text, st.none())


def _is_result(value) -> bool:
    return isinstance(value, list) and all(isinstance(p, Problem) for p in value)


@BOUNDED
@given(table=st.sampled_from(tables.INGESTABLE), data=st.data())
def test_random_cells_give_problems_never_an_exception(table: str, data):
    columns = tables.user_columns(table)
    rows = data.draw(st.lists(st.lists(cells, min_size=len(columns), max_size=len(columns)), max_size=6))
    frame = pd.DataFrame(rows, columns=columns, dtype=object, index=pd.RangeIndex(2, len(rows) + 2))
    typed = validate.convert(table, frame, python_dates=data.draw(st.booleans()))
    assert _is_result(typed.problems)
    assert list(typed.frame.columns) == columns and len(typed.frame) == len(rows)
    known = {parent: {"a", "good-help-hub"} for (_, _), (parent, _) in tables.FOREIGN_KEYS.items()}
    assert _is_result(validate.foreign_keys(table, typed.frame, known))
    assert _is_result(validate.duplicate_keys(table, typed.frame, name_rows=True))


@BOUNDED
@given(text=st.one_of(st.sampled_from(TRICKY), any_text), start=st.booleans(), required=st.booleans())
def test_random_dates_are_read_or_explained(text: str, start: bool, required: bool):
    reading = read_date(text, start, required)
    assert (reading.date is None) or not reading.problem
    if reading.problem:
        assert "write" in reading.problem or "check" in reading.problem


def _csv(header: list[str], rows: list[list[str | None]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if c is None else c for c in r] for r in rows])
    return out.getvalue().encode("utf-8", "surrogatepass")


files = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
    st.builds(
        _csv,
        st.one_of(
            st.just(tables.user_columns("outputs")),
            st.lists(st.one_of(st.sampled_from(tables.user_columns("outputs")), any_text), max_size=20),
        ),
        st.lists(st.lists(cells, max_size=18), max_size=5),
    ),
    st.builds(
        lambda ref, text: make.raw_xlsx(
            f'{make._XML}<worksheet xmlns="{make._SML}"><sheetData><row r="1">'
            f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData></worksheet>'
        ),
        st.sampled_from(["A1", "XFD1", "A1048576", "A0", "1A", "", "ZZZZ9"]),
        st.sampled_from(["output_id", "&amp;", "<b>", "\x01", "]]>", ""]),
    ),
)


@BOUNDED
@given(data=files, name=st.sampled_from(["f.csv", "f.xlsx", "f.txt"]))
def test_random_files_are_read_or_refused_never_an_exception(data: bytes, name: str):
    sheet = readers.read(Upload(name, data))
    assert _is_result(sheet.problems)
    assert sheet.header or sheet.problems or sheet.frame.empty


@pytest.fixture(scope="module")
def checked_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A private copy and its checksum, taken once: every example must leave it so."""
    import shutil

    path = tmp_path_factory.mktemp("property_db") / "fivebarriers.duckdb"
    shutil.copyfile(built_db, path)
    return path, db_checksum(path)


@settings(BOUNDED, max_examples=15)
@given(rows=st.lists(st.dictionaries(st.sampled_from(tables.user_columns("outputs")), cells), max_size=4))
@pytest.mark.slow
def test_random_outputs_files_dry_run_cleanly_and_change_nothing(
    rows, checked_db: tuple[Path, dict[str, str]]
):
    db, before = checked_db
    columns = tables.user_columns("outputs")
    body = [
        [{**templates.EXAMPLES["outputs"], "output_id": f"p-{i}", **r}.get(c) for c in columns]
        for i, r in enumerate(rows)
    ]
    report = ingest.validate_file(Upload("random.csv", _csv(columns, body)), db=db)
    assert _is_result(report.problems)
    assert report.ok or report.problems
    assert db_checksum(db) == before
