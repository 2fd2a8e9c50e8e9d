"""`fivebarriers migrate --from FILE --to ducklake:postgres:…`: copy an
embedded database into a lake, checked row for row.

One write (one lake snapshot): create the schema the lake can hold, copy
every table, then, still inside the transaction, compare each table's row
count and an order-independent checksum of its rows (the sum of the rows'
hashes) between the file and the lake. Any difference rolls the whole copy
back, so a lake is never left half-migrated. After the commit `check` runs
on the lake, which enforces no keys itself.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from fivebarriers import queries
from fivebarriers.data import check
from fivebarriers.errors import UserError
from fivebarriers.store import backend, schema, search_index, summaries

SOURCE = "src"  # alias of the attached source file


class MigrateError(Exception):
    """The migration could not run or did not copy exactly; the lake is unchanged."""


@dataclass
class TableCopy:
    table: str
    rows: int
    checksum: int


@dataclass
class MigrateReport:
    source: Path
    target: str
    tables: list[TableCopy] = field(default_factory=list)
    findings: list[check.Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _fingerprint(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, int]:
    row_count, checksum = con.execute(queries.sql("migrate_checksum"), {"name": name}).fetchone()
    return int(row_count), int(checksum)


def _columns(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple]:
    return con.execute(
        queries.sql("migrate_columns"), {"catalog": catalog, "tables": list(schema.TABLE_ORDER)}
    ).fetchall()


def migrate(
    source: Path | str,
    to: backend.Target | str,
    *,
    replace: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> MigrateReport:
    """Copy the database file `source` into the lake `to`; raise MigrateError
    (nothing written) on any difference."""
    source = Path(source)
    target = backend.resolve(to)
    if not target.is_lake:
        raise MigrateError(f"--to must be a lake (ducklake:postgres:<conninfo>), not {target}")
    if not source.exists():
        raise MigrateError(f"no database at {source}")
    report = MigrateReport(source, str(target))

    def work(con: duckdb.DuckDBPyConnection) -> list[TableCopy]:
        if con.execute(queries.sql("migrate_has_data")).fetchone()[0] and not replace:
            raise MigrateError(f"{target} already holds data: pass --replace to overwrite it")
        started = time.perf_counter()
        backend.reset_schema(con, target)
        if _columns(con, backend.LAKE_ALIAS) != _columns(con, SOURCE):
            raise MigrateError(
                f"{source} was built with a different schema: rebuild it with this version first"
            )
        copies = []
        for table in schema.TABLE_ORDER:
            con.table(f"{SOURCE}.main.{table}").insert_into(table)
        # Derived tables are recomputed, not copied, so they match what arrived.
        summaries.refresh(con)
        search_index.rebuild(con)
        report.seconds["copy"] = time.perf_counter() - started
        progress(f"  copied {len(schema.TABLE_ORDER)} tables in {report.seconds['copy']:.1f} s; comparing")
        started = time.perf_counter()
        for table in schema.TABLE_ORDER:
            theirs = _fingerprint(con, f"{SOURCE}.main.{table}")
            ours = _fingerprint(con, table)
            if theirs != ours:
                raise MigrateError(
                    f"{table}: the lake has {ours[0]:,} rows (checksum {ours[1]}), the file "
                    f"{theirs[0]:,} (checksum {theirs[1]}); nothing was written"
                )
            copies.append(TableCopy(table, *ours))
        report.seconds["compare"] = time.perf_counter() - started
        return copies

    try:
        report.tables = backend.write_transaction(
            target,
            work,
            fresh=True,
            attach={SOURCE: source},
            message=f"migrate from {source.name}",
        )
    except duckdb.Error as exc:
        reason = backend.redact(str(exc).splitlines()[0])
        raise MigrateError(f"the copy failed ({reason}); nothing was written") from exc
    except backend.BackendError as exc:
        raise MigrateError(str(exc)) from exc
    started = time.perf_counter()
    con = backend.connect_reader(target)
    try:
        report.findings = check.run_checks(con)
    finally:
        con.close()
    report.seconds["check"] = time.perf_counter() - started
    return report


def cmd_migrate(args: argparse.Namespace) -> int:

    print(f"migrating {args.source} to {backend.redact(args.to)}", flush=True)
    try:
        report = migrate(args.source, args.to, replace=args.replace, progress=lambda m: print(m, flush=True))
    except MigrateError as exc:
        raise UserError(f"migrate failed: {exc}") from exc
    for copy in report.tables:
        print(f"  {copy.table:<20} {copy.rows:>12,} rows  identical (count and checksum)")
    timing = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
    print(f"migrated {report.rows:,} rows in {len(report.tables)} tables, row for row identical ({timing})")
    for finding in report.findings:
        print(finding)
    if report.findings:
        raise UserError(f"migrated, but check found {len(report.findings)} problem(s) in {report.target}")
    print("check passed on the lake")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser(
        "migrate",
        help="copy an embedded database into a DuckLake, checked row for row",
        description="Copy a database file into a DuckLake (one snapshot), compare every table's "
        "row count and checksum, then run check on the lake.",
    )
    m.add_argument("--from", dest="source", required=True, help="database file to copy (read only)")
    m.add_argument(
        "--to",
        required=True,
        help="the lake: ducklake:postgres:<conninfo> (no password: use PGPASSWORD or PGPASSFILE); "
        "Parquet files go to $FIVEBARRIERS_DATA_PATH",
    )
    m.add_argument("--replace", action="store_true", help="overwrite a lake that already holds data")
    m.set_defaults(func=cmd_migrate)
