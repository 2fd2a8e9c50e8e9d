"""Named SQL: a query is a file in queries/, its stem its only name in code.

A query may include another file's text with `@include(NAME)` (on a line of
its own): common table expressions two queries share are written once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import duckdb

from fivebarriers.config import QUERIES_DIR


class UnknownQuery(KeyError):
    pass


@cache
def _read(name: str, mtime_ns: int) -> str:
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


# `@include(NAME)` is not SQL, so a text that was never expanded fails to parse.
_INCLUDE = re.compile(r"^[ \t]*@include\((\w+)\)", re.MULTILINE)


def sql(name: str) -> str:
    """The text of queries/NAME.sql, each `@include(OTHER)` replaced by the text
    of queries/OTHER.sql (re-read when a file changes)."""
    path = QUERIES_DIR / f"{name}.sql"
    if not name.replace("_", "").isalnum() or not path.is_file():
        raise UnknownQuery(name)
    text = _read(name, path.stat().st_mtime_ns)
    if "@include(" not in text:
        return text
    return _INCLUDE.sub(lambda m: sql(m.group(1)).strip().removesuffix(";"), text)


def names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def run_each(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None) -> None:
    """Run queries/NAME.sql one statement at a time, each with the parameters
    it names: DuckDB binds parameters to the last statement of a
    multi-statement execute only."""
    for statement in sql(name).split(";"):
        if statement.strip():
            given = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
            con.execute(statement, given or None)


def tidy_up(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run queries/NAME.sql, which drops the temp objects a step made inside
    the caller's transaction. If that transaction is already aborted (a
    statement failed in it), they go with it: nothing is left to drop."""
    try:
        con.execute(sql(name))
    except duckdb.TransactionException:
        pass
