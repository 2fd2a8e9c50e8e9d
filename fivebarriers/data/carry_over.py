"""Analysts' loads carried across a rebuild, and every row across an upgrade.

`build` on a database that holds loads reads them first (read_loads): the
rows of every batch still loaded, per table, and the whole load history.
With --keep-loads it re-applies them in the order they were loaded, under
their own batch ids, after the curated base (reapply); with --discard-loads
it writes each batch to a CSV beside the database first (write_csvs), in
the column order of its template, so it can be loaded again as it is.
`restore` does the same with the loads a backup lacks (Loads.only).

The CSVs hold the analysts' cells exactly as loaded, formulas-looking text
included: a prefix would change the values they load back as. They are as
private as the database (its owner, group and mode; the folder too), and a
note in the folder says not to open them in a spreadsheet program.

`upgrade` copies every table of an older file by column name (copy_tables):
columns the older schema lacked stay empty, tables it lacked stay empty and
the summaries are rebuilt afterwards. Text an older release let in that no
spreadsheet can hold (a Unicode non-character such as U+FFFE, or a C1
control: today's loads refuse it) would break every Excel download, so the
copy replaces each such character with U+FFFD; unexportable_cells counts
them first, for the upgrade's report."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from fivebarriers import queries
from fivebarriers.data import tables
from fivebarriers.data.validate import _UNEXPORTABLE as UNEXPORTABLE
from fivebarriers.progress import Progress
from fivebarriers.store import schema

_C = duckdb.ColumnExpression
_K = duckdb.ConstantExpression
_F = duckdb.FunctionExpression
REPLACEMENT = "\ufffd"


@dataclass
class Loads:
    """What the analysts loaded: batches still loaded (oldest first), their
    rows per table, and the whole history (undone batches too)."""

    batches: list[tuple[str, str, int]] = field(default_factory=list)  # batch_id, table, rows
    rows: dict[str, pa.Table] = field(default_factory=dict)  # table -> rows of every loaded batch
    history: pa.Table | None = None

    @property
    def count(self) -> int:
        return len(self.batches)

    @property
    def row_count(self) -> int:
        return sum(n for _, _, n in self.batches)

    def describe(self) -> str:
        return f"{self.count} load(s) by analysts ({self.row_count:,} rows)"

    def only(self, batch_ids: set[str]) -> Loads:
        """These loads restricted to `batch_ids` (rows and history alike)."""
        picked = Loads(batches=[b for b in self.batches if b[0] in batch_ids])
        wanted = pa.array(sorted(batch_ids), type=pa.string())
        for table, rows in self.rows.items():
            mine = rows.filter(pc.is_in(rows["batch_id"], value_set=wanted))
            if mine.num_rows:
                picked.rows[table] = mine
        if self.history is not None:
            picked.history = self.history.filter(pc.is_in(self.history["batch_id"], value_set=wanted))
        return picked


def read_loads(con: duckdb.DuckDBPyConnection) -> Loads:
    """Every load in the database `con` reads (file or lake)."""
    loads = Loads()
    loads.batches = [tuple(row) for row in con.execute(queries.sql("loads_in_order")).fetchall()]
    if not loads.batches:
        return loads
    for table in schema.batch_tables(con):
        found = con.table(table).filter(_C("batch_id").isnotnull()).to_arrow_table()
        if found.num_rows:
            loads.rows[table] = found
    loads.history = con.table("ingest_batches").to_arrow_table()
    return loads


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Insert `rows` into `table` by column name; columns it lacks stay empty."""
    have = set(rows.column_names)
    picked = [_C(c) if c in have else _K(None).alias(c) for c in schema.columns(con, table)]
    con.from_arrow(rows).select(*picked).insert_into(table)


def reapply(con: duckdb.DuckDBPyConnection, loads: Loads) -> None:
    """Inside a build's write, after the curated base: every load again, in
    the order it was loaded (parents before children within a batch), and the
    load history as it was."""
    for batch_id, _table, _ in loads.batches:
        for table in schema.TABLE_ORDER:
            rows = loads.rows.get(table)
            if rows is None:
                continue
            mine = rows.filter(pc.equal(rows["batch_id"], batch_id))
            if mine.num_rows:
                _insert(con, table, mine)
    if loads.history is not None:
        _insert(con, "ingest_batches", loads.history)


CSV_NOTE = """These files hold loads by analysts that were taken out of {db}
by `fivebarriers {command}`, one file per load, named <batch>-<table>.csv.

Load one again with:  fivebarriers ingest FILE --db {db}

The cells are exactly as they were loaded, so that they load back the same.
A cell that starts with =, +, - or @ is NOT made safe for a spreadsheet:
do not open these files in Excel or another spreadsheet program (it may run
such a cell as a formula); use a text editor, or load them again.

They are as private as the database: same owner, group and permissions.
"""
NOTE_NAME = "README.txt"


def write_csvs(
    con: duckdb.DuckDBPyConnection,
    loads: Loads,
    folder: Path,
    like: Path | None = None,
    command: str = "build",
) -> list[Path]:
    """One CSV per loaded batch in `folder` (made now; see new_folder),
    columns as in its table's template, plus a note saying what they are.
    `like`: the database whose owner, group and mode they take."""
    folder = new_folder(folder, like)
    written = []
    for batch_id, label, _ in loads.batches:
        for table in tables.batch_table_names(label):  # a workbook's batch: one CSV per sheet
            rows = loads.rows.get(table)
            if rows is None:
                continue
            mine = rows.filter(pc.equal(rows["batch_id"], batch_id))
            wanted = tables.user_columns(table) if table in tables.INGESTABLE else rows.column_names
            picked = [_C(c) for c in wanted if c in mine.column_names]
            safe = re.sub(r"[^A-Za-z0-9_-]", "_", batch_id)
            path = folder / f"{safe}-{table}.csv"
            con.from_arrow(mine).select(*picked).write_csv(str(path))
            _private(path, like)
            written.append(path)
    note = folder / NOTE_NAME
    note.write_text(CSV_NOTE.format(db=like or folder.parent, command=command), encoding="utf-8")
    _private(note, like)
    return written


def new_folder(wanted: Path, like: Path | None) -> Path:
    """`wanted`, or `wanted-2`, `-3` … if a folder of that name exists (a
    retry within the same second): made empty, private, owned like `like`."""
    for n in range(1, 1000):
        path = wanted if n == 1 else wanted.with_name(f"{wanted.name}-{n}")
        try:
            path.mkdir(parents=True, mode=0o700)
        except FileExistsError:
            continue
        _private(path, like, folder=True)
        return path
    raise FileExistsError(f"{wanted} and 998 folders named like it already exist: move them away")


def _private(path: Path, like: Path | None, folder: bool = False) -> None:
    """Give `path` the database's mode (a folder also gets x where it has r),
    owner and group; without a database, owner-only."""
    try:
        st = like.stat() if like is not None else None
    except OSError:
        st = None
    mode = stat.S_IMODE(st.st_mode) & 0o666 if st else 0o600
    if folder:
        mode |= (mode & 0o444) >> 2 | 0o700
    os.chmod(path, mode)
    if st is not None and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(path, st.st_uid, st.st_gid)
        except PermissionError:
            pass  # not root: the files are ours, readable only as the mode says


def discard_folder(db_label: Path) -> Path:
    """Where --discard-loads writes the loads of `db_label`: beside it, named for now."""
    return db_label.with_name(f"{db_label.name}.discarded-loads-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}")


def _old_tables(con: duckdb.DuckDBPyConnection, alias: str) -> set[str]:
    return {
        row[0]
        for row in con.execute(
            queries.sql("migrate_columns"), {"catalog": alias, "tables": list(schema.TABLE_ORDER)}
        ).fetchall()
    }


def _text_columns(rel: duckdb.DuckDBPyRelation) -> list[str]:
    return [c for c, t in zip(rel.columns, rel.dtypes, strict=True) if str(t) == "VARCHAR"]


def unexportable_cells(con: duckdb.DuckDBPyConnection, alias: str) -> dict[str, int]:
    """Per `table.column` of the attached older file: how many cells hold a
    character no spreadsheet can hold (the copy cleans them)."""
    found: dict[str, int] = {}
    for table in sorted(_old_tables(con, alias)):
        rel = con.table(f"{alias}.{table}")
        text = _text_columns(rel)
        if not text or table == "build_info":
            continue
        counts = rel.aggregate(
            [_F("sum", _F("regexp_matches", _C(c), _K(UNEXPORTABLE)).cast("INTEGER")).alias(c) for c in text]
        ).fetchone()
        for column, n in zip(text, counts, strict=True):
            if n:
                found[f"{table}.{column}"] = int(n)
    return found


def _cleaned(column: str, text: bool) -> duckdb.Expression:
    if not text:
        return _C(column)
    return _F("regexp_replace", _C(column), _K(UNEXPORTABLE), _K(REPLACEMENT), _K("g")).alias(column)


def copy_tables(con: duckdb.DuckDBPyConnection, alias: str, bar: Progress | None = None) -> dict[str, int]:
    """Inside an upgrade's write: every table of the attached older file
    `alias`, by column name, except the derived summaries and build_info;
    unexportable characters in text become U+FFFD (module doc). `bar`
    counts the rows copied, table by table."""
    old_tables = _old_tables(con, alias)
    copied = {}
    names = [t for t in schema.TABLE_ORDER if t != "build_info" and t in old_tables]
    if bar is not None:
        bar.set_total(sum(con.table(f"{alias}.{t}").count("*").fetchone()[0] for t in names))
    for table in names:
        rows = con.table(f"{alias}.{table}")
        have, text = set(rows.columns), set(_text_columns(rows))
        picked = [
            _cleaned(c, c in text) if c in have else _K(None).alias(c) for c in schema.columns(con, table)
        ]
        rows.select(*picked).insert_into(table)
        copied[table] = con.table(table).count("*").fetchone()[0]
        if bar is not None:
            bar.update(sum(copied.values()))
    return copied
