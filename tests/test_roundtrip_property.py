"""What is typed is what is stored (issue 24, item 1): Hypothesis writes
valid files whose rows differ, for every loadable table and every column of
it, loads them through the real load paths (the command line's `ingest`,
and the function the Add data page calls with the file's bytes), from CSV
and from a workbook, then reads every stored cell back by key and compares
it with what was typed on that row. A second property shuffles the rows.

The columns come from the schema and `tables` (types, keys, references,
allowed words), so a table or column added there is covered once it is
loadable. Cells are written in every accepted form: text, numbers (a
workbook's numeric cells too), dates in each written form (and a workbook's
date cells), booleans in each spelling (and a workbook's TRUE/FALSE cells),
and empty cells. The rules across a row (a figure with its status and
qualifier, a range low to high, a flag only beside a goal...) are kept by
`_ROW_RULES`, per table, so every file is valid.

Seeded and bounded (derandomized, no example database): seconds in CI."""

from __future__ import annotations

import calendar
import contextlib
import csv
import datetime as dt
import io
import itertools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from fivebarriers import evidence
from fivebarriers.cli.main import main
from fivebarriers.data import ingest, tables, workshop_questions
from fivebarriers.data.dates import EXCEL_EPOCH, starts_a_period
from fivebarriers.data.readers import Upload
from tests.test_ingest import open_ro

BOUNDED = settings(
    max_examples=int(os.environ.get("FIVEBARRIERS_ROUNDTRIP_EXAMPLES", "1")),
    derandomize=True,
    database=None,
    deadline=None,
    # A failing example is printed as drawn: shrinking a load takes minutes.
    phases=[Phase.explicit, Phase.generate],
    # A row of outputs has 24 columns: its smallest example is large by nature.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)

_IDS = itertools.count()  # every example's ids are new, so one database takes every load

# Free text as people type it: letters with accents, digits, punctuation and
# inner spaces (the loader trims the ends, which is not a change of value).
_TEXT = (
    st.text(
        alphabet=st.sampled_from("abcXYZ019 ,.'\"()&/£%éñÅ–—’😀"),
        min_size=1,
        max_size=24,
    )
    .map(str.strip)
    .filter(bool)
)

_TRUE = ("true", "TRUE", "True")
_FALSE = ("false", "FALSE", "False")


@dataclass
class Cell:
    """What the database should hold, and what the file carries: the text
    of a CSV cell, and the value of a workbook cell (a number, a date or a
    boolean where a spreadsheet would store one)."""

    value: object
    text: str
    native: object


def _empty() -> Cell:
    return Cell(None, "", None)


def _boolean(draw, required: bool = False) -> Cell:
    value = draw(st.sampled_from([True, False] if required else [True, False, None]))
    if value is None:
        return _empty()
    text = draw(st.sampled_from(_TRUE if value else _FALSE))
    native = value if draw(st.booleans()) else text
    return Cell(value, text, native)


def _number(draw, low: float = -1e6, high: float = 1e6, whole: bool = False) -> Cell:
    if whole:
        value: float = draw(st.integers(int(low), int(high)))
        text = str(value)
    else:
        cents = draw(st.integers(int(low * 100), int(high * 100)))
        text = f"{cents / 100:.2f}".rstrip("0").rstrip(".")
        value = float(text)
    native = (int(value) if float(value).is_integer() else float(value)) if draw(st.booleans()) else text
    return Cell(value, text, native)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(draw, column: str) -> Cell:
    """A date in one of the forms analysts type; a period (a month, a quarter,
    a year) is its first day in a column that starts something, else its last."""
    day = draw(st.dates(dt.date(1995, 1, 1), dt.date(2024, 12, 31)))
    start = starts_a_period(column)
    form = draw(
        st.sampled_from(
            [
                "iso",
                "uk",
                "long",
                "us-long",
                "compact",
                "serial",
                "cell",
                "month",
                "quarter",
                "year",
                "financial",
            ]
        )
    )
    days = {
        "iso": day.isoformat(),
        "uk": day.strftime("%d/%m/%Y"),
        "long": f"{day.day} {calendar.month_name[day.month]} {day.year}",
        "us-long": f"{calendar.month_name[day.month]} {day.day} {day.year}",
        "compact": day.strftime("%Y%m%d"),
        "serial": str((day - EXCEL_EPOCH).days),  # a date cell saved as text: Excel's day number
    }
    if form in days:
        return Cell(day, days[form], days[form])
    if form == "cell":  # a workbook's date cell; in a CSV, what Excel writes for it
        return Cell(day, day.isoformat(), day)
    if form == "month":
        text = f"{calendar.month_abbr[day.month]} {day.year}"
        first, last = dt.date(day.year, day.month, 1), _last_day(day.year, day.month)
    elif form == "quarter":
        q = (day.month - 1) // 3 + 1
        text = f"Q{q} {day.year}"
        first, last = dt.date(day.year, 3 * q - 2, 1), _last_day(day.year, 3 * q)
    elif form == "financial":  # the UK financial year, 1 April to 31 March
        text = f"{day.year}/{day.year + 1}"
        first, last = dt.date(day.year, 4, 1), dt.date(day.year + 1, 3, 31)
    else:
        text = str(day.year)
        first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return Cell(first if start else last, text, text)


def _text(value: str) -> Cell:
    return Cell(value, value, value)


class Known:
    """What the database already holds: the keys a reference may point at,
    and the keys a new row must not take."""

    def __init__(self, db: Path):
        con = open_ro(db)
        try:
            self.parents: dict[tuple[str, str], list[str]] = {}
            for parent, key in set(tables.FOREIGN_KEYS.values()):
                rows = con.execute(
                    f'select distinct "{key}" from "{parent}" where "{key}" is not null'
                ).fetchall()
                self.parents[(parent, key)] = sorted(r[0] for r in rows)
            self.taken: dict[str, set[tuple]] = {}
            for table in tables.INGESTABLE:
                key = tables.PRIMARY_KEYS[table]
                cols = ", ".join(f'"{k}"' for k in key)
                self.taken[table] = set(con.execute(f'select {cols} from "{table}"').fetchall())
            # A document with no table of contents (a reference set) cites no sections:
            # giving it one would make `check` read every locator that cites it.
            self.with_sections = sorted(
                r[0] for r in con.execute("select distinct source_id from source_sections").fetchall()
            )
            self.led = {
                r[0]
                for r in con.execute("select pilot_id from pilot_departments where role = 'lead'").fetchall()
            }
        finally:
            con.close()


def _cell(draw, known: Known, table: str, column: tables.Column, row_id: str) -> Cell:
    blank_ok = not column.required and draw(st.integers(0, 3)) == 0
    if blank_ok:
        return _empty()
    if column.type == "BOOLEAN":
        return _boolean(draw, column.required)
    if column.type == "DATE":
        return _date(draw, column.name)
    if column.type in ("DOUBLE", "INTEGER", "BIGINT"):
        return _number(draw, whole=column.type != "DOUBLE")
    reference = tables.FOREIGN_KEYS.get((table, column.name))
    if reference:
        return _text(draw(st.sampled_from(known.parents[reference])))
    allowed = tables.ALLOWED.get((table, column.name))
    if allowed:
        return _text(draw(st.sampled_from(allowed)))
    if column.name in tables.PRIMARY_KEYS[table]:
        return _text(row_id)
    return _text(draw(_TEXT))


# --- the rules across a row, per table: every file written is valid ---------------------


def _outputs(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    for row in rows:
        if row["status"].value == "not reported":
            row["actual"], row["qualifier"] = _empty(), _empty()
        else:
            row["actual"] = _number(draw)
            row["qualifier"] = _text(draw(st.sampled_from(tables.QUALIFIERS)))
        flags = (row["goal_same_measure"].value, row["source_compares_goal"].value)
        if any(f is not None for f in flags):  # a flag is about a goal: give one
            for column in ("target_low", "target_high"):
                if row[column].value is None:
                    row[column] = _number(draw)
        low, high = row["target_low"], row["target_high"]
        if low.value is None or high.value is None:
            row["target_low"] = row["target_high"] = row["target_qualifier"] = _empty()
        elif low.value > high.value:
            row["target_low"], row["target_high"] = high, low
        if row["goal_same_measure"].value is False:
            row["goal_measure"] = _text(draw(_TEXT))
        else:
            row["goal_measure"] = _empty()
        # The report's own comparison needs a goal, its judgement and its caveat;
        # without one, neither is given.
        if row["source_compares_goal"].value is True:
            row["source_judgement"], row["goal_caveat"] = _text(draw(_TEXT)), _text(draw(_TEXT))
        else:
            row["source_judgement"] = row["goal_caveat"] = _empty()
        # Every loaded result says how strong its evidence is, and where that is shown.
        row["evidence_strength"] = _text(draw(st.sampled_from(evidence.STRENGTHS)))
        row["evidence_basis"] = _text(draw(_TEXT))
    _disputed_pairs(draw, rows, "output_id")


def _disputed_pairs(draw, rows: list[dict[str, Cell]], key: str) -> None:
    """A disputed note names, in brackets, the other statement, which names it back.
    Both are about the same pilot: a load's check sees the pilots it touches,
    and a pair across two pilots is refused by the next load of either one."""
    for row in rows:
        row["disputed_note"] = _empty()
    if len(rows) >= 2 and draw(st.booleans()):
        a, b = rows[0], rows[1]
        b["pilot_id"] = a["pilot_id"]
        a["disputed_note"] = _text(f"{draw(_TEXT)} ({b[key].value})")
        b["disputed_note"] = _text(f"{draw(_TEXT)} ({a[key].value})")


def _barrier_evidence(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    for row in rows:
        if row["value"].value is None:
            row["value_unit"] = _empty()
        else:
            row["value"] = _number(draw, 0, 1e4)
            row["value_qualifier"] = _text(draw(st.sampled_from(tables.QUALIFIERS)))
            if row["value_unit"].value is None:
                row["value_unit"] = _text(draw(_TEXT))
            if row["denominator"].value is not None and row["denominator"].value < row["value"].value:
                row["value"], row["denominator"] = row["denominator"], row["value"]
            if row["value"].value is not None and row["value"].value < 0:
                row["value"] = _number(draw, 0, 1e4)
                row["denominator"] = _empty()
    _disputed_pairs(draw, rows, "evidence_id")


def _places(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    for row in rows:
        if row["lat"].value is not None:
            row["lat"] = _number(draw, -90, 90)
        if row["lon"].value is not None:
            row["lon"] = _number(draw, -180, 180)


def _in_order(rows: list[dict[str, Cell]], first: str, second: str) -> None:
    for row in rows:
        a, b = row[first], row[second]
        if a.value is not None and b.value is not None and a.value > b.value:
            # A month typed in a start column means its first day, in an end
            # column its last: the swapped cells say their days outright.
            row[first], row[second] = _plain(b), _plain(a)


def _plain(cell: Cell) -> Cell:
    if isinstance(cell.value, dt.date):
        return Cell(cell.value, cell.value.isoformat(), cell.value)
    return cell


def _pilots(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    _in_order(rows, "start_date", "end_date")


def _programmes(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    for row in rows:
        for column in ("start_year", "end_year"):
            if row[column].value is not None:
                row[column] = _number(draw, 1950, 2040, whole=True)
    _in_order(rows, "start_year", "end_year")


def _pilot_departments(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    led = set(known.led)
    for row in rows:  # one lead per pilot, counting the leads already there
        if row["role"].value == "lead":
            if row["pilot_id"].value in led:
                row["role"] = _text(draw(st.sampled_from(tables.DEPARTMENT_ROLES[1:])))
            led.add(row["pilot_id"].value)


def _sources(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    for i, row in enumerate(rows):
        # A web address or none; a loaded document names its publisher and licence,
        # was published by today, and has no seed text (the team adds those).
        row["url"] = _text(f"https://example.org/report-{i}") if draw(st.booleans()) else _empty()
        for column in ("publisher", "licence"):
            if row[column].value is None:
                row[column] = _text(draw(_TEXT))
        row["seed_file"] = _empty()
        if row["published_date"].value is not None and row["published_date"].value > dt.date.today():
            row["published_date"] = _plain(Cell(dt.date(2024, 4, 10), "2024-04-10", dt.date(2024, 4, 10)))


def _source_sections(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    for row in rows:  # a locator joins several sections with ';'
        row["section"] = _text(row["section"].value.replace(";", ","))
        row["source_id"] = _text(draw(st.sampled_from(known.with_sections)))


def _workshop_answers(draw, rows: list[dict[str, Cell]], known: Known) -> None:
    # A count (0 or more) of a known question's option; an option that is a
    # barrier names it, and no other option names one.
    for row in rows:
        question = draw(st.sampled_from(list(workshop_questions.KNOWN_QUESTIONS.values())))
        option = draw(st.sampled_from(question.options))
        row["question_id"], row["option"] = _text(question.id), _text(option)
        barrier = question.barrier_of(option)
        row["barrier_id"] = _text(barrier) if barrier else _empty()
        row["answers"] = _number(draw, 0, 5000, whole=True)


_ROW_RULES: dict[str, Callable[..., None]] = {
    "workshop_answers": _workshop_answers,
    "sources": _sources,
    "source_sections": _source_sections,
    "outputs": _outputs,
    "barrier_evidence": _barrier_evidence,
    "places": _places,
    "pilots": _pilots,
    "programmes": _programmes,
    "pilot_departments": _pilot_departments,
}


@st.composite
def valid_rows(draw, table: str, known: Known) -> list[dict[str, Cell]]:
    """2-6 valid rows of `table`, each with its own key, differing from each other."""
    n = draw(st.integers(2, 6))
    batch = next(_IDS)
    columns = [c for c in tables.column_specs()[table] if c.name in tables.user_columns(table)]
    rows = [
        {c.name: _cell(draw, known, table, c, f"rt{batch}-{i}-{table[:3]}") for c in columns}
        for i in range(n)
    ]
    for column in columns:  # flags that differ from row to row, so a shift shows
        if column.type == "BOOLEAN" and len({row[column.name].value for row in rows}) == 1:
            while rows[0][column.name].value == rows[1][column.name].value:
                rows[0][column.name] = _boolean(draw, column.required)
    rule = _ROW_RULES.get(table)
    if rule:
        rule(draw, rows, known)
    keys = [_key(table, row) for row in rows]
    assume(len(set(keys)) == len(keys) and not set(keys) & known.taken[table])
    known.taken[table] |= set(keys)
    return rows


def _key(table: str, row: dict[str, Cell]) -> tuple:
    return tuple(row[k].value for k in tables.PRIMARY_KEYS[table])


# --- files, loads and reading back ------------------------------------------------------


def csv_bytes(table: str, rows: list[dict[str, Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = tables.user_columns(table)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c].text for c in columns])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(table: str, rows: list[dict[str, Cell]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = table
    columns = tables.user_columns(table)
    sheet.append(columns)
    for row in rows:
        sheet.append([row[c].native for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def load(db: Path, folder: Path, table: str, rows: list[dict[str, Cell]], form: str, path: str) -> None:
    """Load through the command line (a file on disk) or the Add data page's call (bytes)."""
    data = csv_bytes(table, rows) if form == "csv" else xlsx_bytes(table, rows)
    name = f"wave-{next(_IDS)}.{form}"
    if path == "page":
        report = ingest.ingest(Upload(name, data), table, db=db, loaded_by="Round Trip")
        assert report.loaded, report.lines()
        return
    file = folder / name
    file.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["ingest", str(file), "--table", table, "--db", str(db), "--by", "Round Trip"])
    assert code == 0, err.getvalue() + "\n" + data.decode("utf-8", "replace")


def stored(db: Path, table: str, keys: list[tuple]) -> dict[tuple, dict[str, object]]:
    """Every stored cell of these keys' rows, by key."""
    columns = tables.user_columns(table)
    key = tables.PRIMARY_KEYS[table]
    con = open_ro(db)
    try:
        found = con.execute(
            f'select {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} from "{table}"'
        ).fetchall()
    finally:
        con.close()
    wanted = set(keys)
    out = {}
    for values in found:
        record = dict(zip(columns, values, strict=True))
        k = tuple(record[c] for c in key)
        if k in wanted:
            out[k] = record
    return out


def assert_round_trip(db: Path, table: str, rows: list[dict[str, Cell]]) -> None:
    keys = [_key(table, row) for row in rows]
    back = stored(db, table, keys)
    assert set(back) == set(keys), f"rows missing after the load: {set(keys) - set(back)}"
    for row, key in zip(rows, keys, strict=True):
        for column, cell in row.items():
            got = back[key][column]
            assert got == cell.value and type(got) is type(cell.value), (
                f"{table} {key} {column}: typed {cell.text!r} ({cell.value!r}), stored {got!r}"
            )


@pytest.fixture(scope="module")
def roundtrip_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One private copy for the module: every example loads new keys into it."""
    path = tmp_path_factory.mktemp("roundtrip") / "fivebarriers.duckdb"
    shutil.copyfile(built_db, path)
    return path


@pytest.fixture(scope="module")
def known(roundtrip_db: Path) -> Known:
    return Known(roundtrip_db)


# Each example is one real load (copy, write, check, swap: 1-4 s on a shared
# machine), so the routes are spread over the parameters, not drawn: every
# table from CSV through the command line and from a workbook through the
# page's call, and shuffled once more. FIVEBARRIERS_ROUNDTRIP_EXAMPLES runs more.
ROUTES = [("csv", "cli"), ("xlsx", "page")]


@pytest.mark.parametrize(("form", "path"), ROUTES, ids=["csv-cli", "xlsx-page"])
@pytest.mark.parametrize("table", tables.INGESTABLE)
@BOUNDED
@given(data=st.data())
def test_every_cell_typed_is_stored_on_its_own_row(
    roundtrip_db: Path, known: Known, tmp_path: Path, table: str, form: str, path: str, data
):
    rows = data.draw(valid_rows(table, known))
    load(roundtrip_db, tmp_path, table, rows, form, path)
    assert_round_trip(roundtrip_db, table, rows)


@pytest.mark.parametrize("table", tables.INGESTABLE)
@BOUNDED
@given(data=st.data(), form=st.sampled_from(["csv", "xlsx"]))
def test_shuffled_rows_each_keep_their_own_values(
    roundtrip_db: Path, known: Known, tmp_path: Path, table: str, data, form: str
):
    rows = data.draw(valid_rows(table, known))
    order = data.draw(st.permutations(range(len(rows))).filter(lambda p: list(p) != sorted(p)))
    shuffled = [rows[i] for i in order]
    load(roundtrip_db, tmp_path, table, shuffled, form, "page" if form == "xlsx" else "cli")
    assert_round_trip(roundtrip_db, table, rows)
