"""`fivebarriers health`: which release this is and whether it can read its database.

For an operator's probe: Streamlit's own /_stcore/health answers "ok" as soon
as the server listens, says nothing about the release or the database, and
Streamlit 1.67 lets an app add no HTTP route of its own. This command prints
the release, the schema version it reads and the one the database records,
and exits 1 when the database cannot be read by this release."""

from __future__ import annotations

import argparse

from fivebarriers import __version__
from fivebarriers.config import ENV_DB
from fivebarriers.errors import UserError
from fivebarriers.store import backend, version


def cmd_health(args: argparse.Namespace) -> int:
    target = backend.resolve(args.db)
    label = backend.label(target)
    print(f"fivebarriers {__version__}")
    print(f"schema version {version.SCHEMA_VERSION}")
    try:
        con = backend.connect_reader(target)
    except backend.BackendError as exc:
        raise UserError(str(exc)) from exc
    try:
        recorded, _ = version.stored(con)
        problem = version.problem(con, label)
    finally:
        con.close()
    print(f"database {label}: schema version {recorded}")
    if problem:
        raise UserError(problem)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    h = sub.add_parser(
        "health", help="print the release and schema versions; exit 1 if the database is unreadable"
    )
    h.add_argument(
        "--db", help=f"file or ducklake:postgres:<conninfo> (default: ${ENV_DB} or data/fivebarriers.duckdb)"
    )
    h.set_defaults(func=cmd_health)
