"""`fivebarriers` / `python -m fivebarriers`: one command line for the product.

Each command exits 0 on success and 1 with a one-line reason on failure;
user errors never print a traceback."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from fivebarriers import __version__, progress
from fivebarriers.cli import health as health_cli
from fivebarriers.cli import ingest as ingest_cli
from fivebarriers.cli import invocation, reloads
from fivebarriers.cli import maintenance as maintenance_cli
from fivebarriers.cli import synth as synth_cli
from fivebarriers.config import DATA_DIR, ENV_DB
from fivebarriers.data import build as build_mod
from fivebarriers.data import check as check_mod
from fivebarriers.data import migrate, reread, tables, templates
from fivebarriers.errors import UserError
from fivebarriers.store import backend, version


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help=f"file or ducklake:postgres:<conninfo> (default: ${ENV_DB} or data/fivebarriers.duckdb)",
    )


def cmd_build(args: argparse.Namespace) -> int:
    db = backend.resolve(args.db)
    loads = (
        build_mod.KEEP if args.keep_loads else build_mod.DISCARD if args.discard_loads else build_mod.REFUSE
    )
    try:
        counts = build_mod.build(db, Path(args.data), loads=loads, progress=progress.terminal())
    except build_mod.LoadsWouldBeLost as exc:
        raise UserError(str(exc)) from exc
    except build_mod.BuildError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise UserError(
            f"build failed: {len(exc.problems)} problem(s) in {args.data}; {db} is unchanged"
        ) from exc
    except backend.BackendError as exc:
        raise UserError(f"build failed: {exc}") from exc
    total = sum(v for k, v in counts.items() if k != "build_info")
    print(f"built {db}: {total} rows in {len(counts)} tables")
    for table, n in counts.items():
        print(f"  {table:<20} {n:>8}")
    if counts.kept:
        print(f"kept {counts.loads.describe()}: re-applied in the order they were loaded, and checked")
    if counts.csvs:
        print(f"dropped {counts.loads.describe()}; each is in a CSV you can load again:")
        for path in counts.csvs:
            print(f"  {path}")
    return 0


def open_readonly(db: backend.Target | Path | str | None) -> duckdb.DuckDBPyConnection:
    """A read-only connection on a file or a lake; a clear one-line error otherwise."""
    try:
        return backend.connect_reader(db)
    except backend.BackendError as exc:
        raise UserError(str(exc)) from exc


def cmd_check(args: argparse.Namespace) -> int:
    db = backend.resolve(args.db)
    con = open_readonly(db)
    try:
        # A file an older release made lacks today's columns and views: the
        # rules would fail on them with a traceback; say what to run instead.
        outdated = version.problem(con, backend.label(db))
        if outdated:
            raise UserError(outdated)
        findings = check_mod.run_checks(con)
        reload = check_mod.shifted_flags(con)
        compared = [reread.compare(con, Path(file)) for file in args.file or []]
    finally:
        con.close()
    for finding in findings:
        print(invocation.say(str(finding)))
    reloads.show(reload)
    for comparison in compared:
        for line in comparison.lines():
            print(line)
    if findings:
        raise UserError(f"check failed: {len(findings)} problem(s) in {db}")
    print(f"check passed: {db} keeps every honesty rule and reference")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    if args.name not in tables.INGESTABLE:
        raise UserError(f"no template for '{args.name}': choose one of {', '.join(tables.INGESTABLE)}")
    sys.stdout.write(templates.template(args.name))
    return 0


Command = Callable[[argparse.Namespace], int]


def parser(without_deck: bool = False) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=invocation.prog(), description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"fivebarriers {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="(re)build the database from data/*.csv")
    _db_arg(b)
    b.add_argument("--data", default=str(DATA_DIR), help="folder of curated CSVs (default: data/)")
    keep_or_drop = b.add_mutually_exclusive_group()
    keep_or_drop.add_argument(
        "--keep-loads",
        action="store_true",
        help="the database holds analysts' loads: rebuild data/ and re-apply every load in order, checked",
    )
    keep_or_drop.add_argument(
        "--discard-loads",
        action="store_true",
        help="the database holds analysts' loads: write each to a CSV beside the database, then drop them",
    )
    b.set_defaults(func=cmd_build)

    c = sub.add_parser("check", help="validate the database against the honesty rules and references")
    _db_arg(c)
    c.add_argument(
        "--file",
        action="append",
        metavar="PATH",
        help="a file loaded earlier: read it again and name every true/false stored differently (repeatable)",
    )
    c.set_defaults(func=cmd_check)

    t = sub.add_parser("template", help="print a CSV template (header and one example row)")
    t.add_argument("name", help=f"one of: {', '.join(tables.INGESTABLE)}")
    t.set_defaults(func=cmd_template)

    for register in EXTRA_COMMANDS:
        if not (without_deck and register is _register_deck):
            register(sub)
    return p


def _register_deck(sub: argparse._SubParsersAction) -> None:
    # Imported only when the deck commands may run: python-pptx, Plotly and the
    # storyboard take about half of the command line's start-up, which every
    # analyst's `ingest` and `undo` would otherwise pay (issue 16's 1 s budget).
    from fivebarriers.cli import deck as deck_cli

    deck_cli.register(sub)


# Commands whose parser needs nothing from the deck (the rest see every command).
WITHOUT_DECK = {
    "build",
    "check",
    "template",
    "ingest",
    "batches",
    "undo",
    "restore",
    "upgrade",
    "hash-password",
    "health",
}


# Further commands register themselves here: each entry is a function that
# takes the subparsers object and adds one or more commands.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []
EXTRA_COMMANDS.append(synth_cli.register)
EXTRA_COMMANDS.append(_register_deck)
EXTRA_COMMANDS.append(ingest_cli.register)
EXTRA_COMMANDS.append(migrate.register)
EXTRA_COMMANDS.append(maintenance_cli.register)
EXTRA_COMMANDS.append(health_cli.register)


def _interrupted() -> int:
    # A write is all or nothing (store/filewrite): the file holds the whole
    # change or none of it.
    print("interrupted: the database holds the whole change or none of it", file=sys.stderr)
    return 130


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    args = parser(without_deck=bool(given) and given[0] in WITHOUT_DECK).parse_args(given)
    invocation.resolve_paths(args)
    try:
        return args.func(args)
    except UserError as exc:
        print(invocation.say(f"error: {exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return _interrupted()
    except RuntimeError as exc:
        # DuckDB turns Ctrl-C during a query into RuntimeError("Query interrupted").
        if "interrupted" not in str(exc).lower():
            raise
        return _interrupted()
    except OSError as exc:
        # The operating system refused something no check foresaw (a file that
        # vanished or became unreadable, a full disk): one line, as promised.
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or type(exc).__name__}{where}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `fivebarriers template outputs | head -1`: the reader left early, which is fine.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
