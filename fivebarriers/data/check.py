"""`fivebarriers check`: every honesty rule of GUIDE §2, every key and every
foreign key, re-tested in the database itself. Constraints already stop most
of these on the embedded file; the checks still matter for databases built
without them (DuckLake enforces none) and for data loaded by older versions.

Two modes. `run_checks(con)` is the full check (`fivebarriers check`, on
demand, and after build and migrate). `run_checks(con, pilots=[…])` is the
batch-scoped check a load or an undo runs inside its write: every rule of
CHECK_QUERIES still runs, unchanged, but every table with a pilot_id (pilots,
their links, outputs, evidence, and the summaries of them: 10M outputs and
25,000 pilots at 10M) is shadowed by a temp view holding only the pilots the
batch touched (queries/check_scope_*.sql); evidence about a place, not a
pilot, stays in view. The other tables are read whole (the largest holds
10,000 rows at 10M). A rule therefore sees all of a pilot's rows or none; the
cross-pilot rules, unique output and evidence ids, are tested for the ids in
scope against the whole table. tests/test_check_scope.py checks that both
modes agree on every rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from fivebarriers import queries
from fivebarriers.data import tables, workshop_questions
from fivebarriers.data.validate import FLAGS_BY_POSITION

CHECK_QUERIES = (
    "check_outputs",
    "check_figures",
    "check_provenance",
    "check_locators",
    "check_roles",
    "check_goal_measures",
    "check_disputed",
    "check_place_cycles",
    "check_summary",
    "check_goal_summary",
    "check_pilot_summary",
    "check_place_lineage_summary",
)


@dataclass(frozen=True)
class Finding:
    table: str
    key: str
    rule: str
    problem: str

    def __str__(self) -> str:
        return f"{self.table} [{self.key}] {self.rule}: {self.problem}"


def run_checks(con: duckdb.DuckDBPyConnection, *, pilots: list[str] | None = None) -> list[Finding]:
    """Every finding of every rule; with `pilots`, the batch-scoped check (module doc)."""
    if pilots is None:
        return _run_all(con)
    with scope(con, pilots) as findings:
        return findings + _run_all(con)


def narrows(con: duckdb.DuckDBPyConnection, pilots: list[str]) -> bool:
    """Whether the batch-scoped check is the cheaper one for `pilots`. Scoping
    copies their rows into temp tables first, so its cost grows with the
    share of pilots a batch touches. Measured at 10M (11M outputs after a
    1,000,000-row load): scoped to a tenth of the pilots 4.1 s, to half
    10.3 s, to all 20.9 s; the whole check 6.6-7.2 s. Past a quarter, the
    whole check is the faster."""
    (total,) = con.execute(queries.sql("check_pilot_count")).fetchone()
    return len(pilots) * 4 <= total


@contextmanager
def scope(con: duckdb.DuckDBPyConnection, pilots: list[str]) -> Iterator[list[Finding]]:
    """While open, every rule run on `con` sees only the rows of `pilots` in
    the tables keyed by pilot (module doc). Yields the findings that need the
    whole table: output and evidence ids in scope that are not unique."""
    try:
        queries.run_each(con, "scope_pilot_links", {"pilots": pilots})
        queries.run_each(con, "check_scope_open", {"pilots": pilots})
        findings = _scoped_keys(con)
        con.execute(queries.sql("check_scope_shadow"))
        yield findings
    finally:
        queries.tidy_up(con, "check_scope_close")


def _run_all(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    findings: list[Finding] = []
    for name in CHECK_QUERIES:
        for table, key, rule, problem in con.execute(queries.sql(name)).fetchall():
            findings.append(Finding(table, str(key), rule, problem))
    findings += _workshop_answers(con)
    findings += _duplicate_keys(con)
    findings += _dangling_references(con)
    return findings


def _workshop_answers(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """A workshop's counts: of known questions and options (workshop_questions),
    0 or more. Their lists are parameters, so this rule runs apart from CHECK_QUERIES."""
    rows = con.execute(queries.sql("check_workshop_answers"), workshop_questions.check_params()).fetchall()
    return [Finding(table, str(key), rule, problem) for table, key, rule, problem in rows]


def _scoped_keys(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    return [
        Finding(table, str(key), "duplicate key", f"{n} rows share this key")
        for table, key, n in con.execute(queries.sql("check_scope_keys")).fetchall()
    ]


def _column(name: str) -> duckdb.Expression:
    return duckdb.ColumnExpression(name)


def _duplicate_keys(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    out = []
    for table, key in tables.PRIMARY_KEYS.items():
        rel = con.table(table).aggregate(
            [*(_column(k) for k in key), duckdb.FunctionExpression("count").alias("n")]
        )
        for row in rel.filter(_column("n") > 1).fetchall():
            label = "/".join(str(v) for v in row[:-1])
            out.append(Finding(table, label, "duplicate key", f"{row[-1]} rows share this key"))
    return out


def _keys(con: duckdb.DuckDBPyConnection, table: str, column: str) -> set:
    rel = con.table(table).select(_column(column)).distinct()
    return {row[0] for row in rel.fetchall()}


def _dangling_references(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    out = []
    # Most references point at a few parents (sources.source_id above all);
    # read each parent's keys once: on a lake every query is a catalog round trip.
    parents: dict[tuple[str, str], set] = {}
    for (child, column), (parent, key) in tables.FOREIGN_KEYS.items():
        if (parent, key) not in parents:
            parents[(parent, key)] = _keys(con, parent, key)
        missing = _keys(con, child, column) - parents[(parent, key)] - {None}
        for value in sorted(missing):
            out.append(
                Finding(
                    child, str(value), "unknown reference", f"{column} '{value}' is not in {parent}.{key}"
                )
            )
    return out


# --- loads an older version may have damaged (issue 24) --------------------------------

SHIFTED_FLAGS_RULE = "flags may be on the wrong row"


# The true/false columns an older loader could load (schema 3 and before): only
# these can hold a shifted value. Columns added since (outputs.source_compares_goal)
# and tables made loadable since (sources) were never read by it.
FLAG_COLUMNS_BEFORE_THE_FIX: dict[str, tuple[str, ...]] = {"outputs": ("goal_same_measure",)}


def shifted_flags(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Loads still in place that a loader before validate.FLAGS_BY_POSITION
    read into a table with a true/false column: that loader stored each row's
    flag from the row typed 2 below, and dropped the first 2 rows' flags. The
    files themselves are not kept (only their name and sha256), so the
    stored rows cannot be compared with them: each such load is named, with
    how to load it again. Kept out of run_checks: a load or an upgrade must
    not be refused for what an older load did."""
    flag_columns = FLAG_COLUMNS_BEFORE_THE_FIX
    batches = con.table("ingest_batches").filter(_column("outcome") == duckdb.ConstantExpression("loaded"))
    if "loader_version" in batches.columns:  # a file not yet upgraded records no loader: all are older
        batches = batches.filter(f"coalesce(loader_version, 1) < {int(FLAGS_BY_POSITION)}")
    found = []
    rows = batches.select("batch_id", "table_name", "file_name", "row_count", "loaded_at")
    for batch_id, table, file_name, row_count, loaded_at in rows.order("loaded_at, batch_id").fetchall():
        for column in flag_columns.get(table, []):
            mine = con.table(table).filter(_column("batch_id") == duckdb.ConstantExpression(batch_id))
            (given,) = mine.aggregate([duckdb.FunctionExpression("count", _column(column))]).fetchone()
            message = _shifted_message(column, given, row_count, file_name, loaded_at, batch_id)
            found.append(Finding(table, batch_id, SHIFTED_FLAGS_RULE, message))
    return found


def _shifted_message(
    column: str, given: int, row_count: int, file_name: str, loaded_at: dt.datetime, batch_id: str
) -> str:
    when = f"{loaded_at:%d %B %Y}".lstrip("0")
    rows = f"{row_count:,} row{'s' if row_count != 1 else ''}"
    if given:
        what = (
            f"the {rows} loaded from {file_name} on {when} were read by an older version, which stored "
            f"each row's {column} from the row typed 2 below it and dropped the first 2 rows' values: "
            f"{given:,} of them {'has' if given == 1 else 'have'} a {column} that may belong to another row"
        )
    else:
        what = (
            f"the {rows} loaded from {file_name} on {when} were read by an older version and have no "
            f"{column}: that version dropped any value typed on the file's first 2 rows"
        )
    return (
        f"{what}. To put it right, undo the load and load the same file again "
        f"(fivebarriers undo {batch_id}, then fivebarriers ingest {file_name}, or use the Add data page)"
    )
