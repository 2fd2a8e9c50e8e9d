"""`fivebarriers check`: every honesty rule of GUIDE §2, every key and every
foreign key, re-tested in the database itself. Constraints already stop most
of these on the embedded file; the checks still matter for databases built
without them (DuckLake enforces none) and for data loaded by older versions."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from fivebarriers import queries
from fivebarriers.data import tables

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


def run_checks(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    findings: list[Finding] = []
    for name in CHECK_QUERIES:
        for table, key, rule, problem in con.execute(queries.sql(name)).fetchall():
            findings.append(Finding(table, str(key), rule, problem))
    findings += _duplicate_keys(con)
    findings += _dangling_references(con)
    return findings


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
