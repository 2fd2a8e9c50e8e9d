"""Commands for analysts' loads: ingest, batches, undo and hash-password.
Registered in cli.EXTRA_COMMANDS; the work is done by ingest.py and auth.py."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from fivebarriers import auth, progress
from fivebarriers.cli.invocation import prog, say
from fivebarriers.config import ENV_DB
from fivebarriers.data import ingest, tables
from fivebarriers.data.problems import shown
from fivebarriers.errors import UserError
from fivebarriers.store import backend


def _user_error(message: str) -> Exception:
    return UserError(message)


def _text(value: object) -> str:
    """A name from a file or the database as printed on a terminal: control
    characters (escape sequences that set the title, erase lines or colour
    text), bidi overrides and the like written as their codes (\\u001B)."""
    return shown(value, limit=400)


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help=f"file or ducklake:postgres:<conninfo> (default: ${ENV_DB} or data/fivebarriers.duckdb)",
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    # main() made the path absolute: say where we looked. A folder, a FIFO or a
    # device is named for what it is by the reader.
    if not Path(args.path).exists():
        raise _user_error(f"no file at {args.path}: check the path")
    try:
        report = ingest.ingest(
            args.path,
            table=args.table,
            db=args.db,
            dry_run=args.dry_run,
            encoding=args.encoding,
            loaded_by=args.by,
            progress=progress.terminal(),  # on stderr, only when someone watches it
        )
    except ingest.IngestError as exc:
        raise _user_error(str(exc)) from exc
    for note in report.notes:
        print(f"note: {note}")
    if not report.ok:
        for line in report.lines():
            print(say(line), file=sys.stderr)
        raise _user_error(
            f"{len(report.problems)} problem(s) in {_text(report.file_name)}; nothing was loaded "
            "(fix them and run the command again)"
        )
    if report.dry_run:
        print(
            f"dry run: {report.rows:,} rows of {report.table} in {_text(report.file_name)} "
            "passed every check; nothing was changed"
        )
    else:
        print(
            f"loaded {report.rows:,} rows into {report.table} from {_text(report.file_name)} as batch "
            f"{report.batch_id}; to take them out again: {prog()} undo {report.batch_id}"
        )
    return 0


def cmd_batches(args: argparse.Namespace) -> int:
    try:
        frame = ingest.batches(args.db)
        snapshots = ingest.history(args.db) if args.history else None
    except ingest.IngestError as exc:
        raise _user_error(str(exc)) from exc
    if snapshots is not None:
        _print_history(snapshots, backend.is_lake(args.db))
        return 0
    if frame.empty:
        print(f"no loads yet: add data with `{prog()} ingest FILE`")
        return 0
    print(f"{'batch':<24} {'loaded at (UTC)':<17} {'by':<14} {'table':<18} {'rows':>9}  {'outcome':<8} file")
    for b in frame.itertuples(index=False):
        outcome = b.outcome if b.outcome != "undone" else f"undone {b.undone_at:%Y-%m-%d %H:%M}"
        print(
            f"{_text(b.batch_id):<24} {b.loaded_at:%Y-%m-%d %H:%M}  {_text(b.loaded_by[:14]):<14} "
            f"{b.table_name:<18} {b.row_count:>9,}  {outcome:<8} {_text(b.file_name)}"
        )
    return 0


def _print_history(snapshots: list[backend.Snapshot], lake: bool) -> None:
    if not lake:
        print(f"a database file keeps no snapshot history: `{prog()} batches` lists every load")
        return
    print(f"{'snapshot':>8}  {'at (UTC)':<19}  {'by':<14} message")
    for s in snapshots:
        print(f"{s.snapshot_id:>8}  {s.at:%Y-%m-%d %H:%M:%S}  {(s.author or '')[:14]:<14} {s.message or ''}")


def cmd_undo(args: argparse.Namespace) -> int:
    try:
        result = ingest.undo(args.batch, db=args.db, by=args.by)
    except ingest.IngestError as exc:
        raise _user_error(str(exc)) from exc
    print(f"undone batch {result.batch_id}: removed {result.rows_removed:,} rows from {result.table}")
    return 0


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New upload password: ")
    if getpass.getpass("Same password again: ") != first:
        raise _user_error("the two passwords differ; nothing was printed")
    return first


def cmd_hash_password(args: argparse.Namespace) -> int:
    password = _read_password()
    if len(password) < auth.MIN_LENGTH:
        raise _user_error(f"the password is too short: use at least {auth.MIN_LENGTH} characters")
    secret_line, env_line = auth.config_lines(auth.hash_password(password))
    print(secret_line)
    print(
        "Put the line above in .streamlit/secrets.toml, or set the environment variable instead:\n"
        f"  {env_line}\nthen restart the app. The password itself is not stored anywhere.",
        file=sys.stderr,
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser("ingest", help="load a CSV or XLSX file into the database (all or nothing)")
    i.add_argument("path", help="the file to load (.csv or .xlsx)")
    i.add_argument(
        "--table", help=f"one of {', '.join(tables.INGESTABLE)} (default: detected from the header)"
    )
    _db_arg(i)
    i.add_argument(
        "--dry-run", action="store_true", help="check the file against the database; change nothing"
    )
    i.add_argument("--encoding", help="text encoding of a CSV that is not UTF-8, e.g. latin-1")
    i.add_argument("--by", help="who is loading (default: $USER)")
    i.set_defaults(func=cmd_ingest)

    b = sub.add_parser("batches", help="list every load, newest first")
    _db_arg(b)
    b.add_argument(
        "--history",
        action="store_true",
        help="on a lake, list its snapshots instead (id, time, author, message): every write is one",
    )
    b.set_defaults(func=cmd_batches)

    u = sub.add_parser("undo", help="remove every row of one load (see `batches`)")
    u.add_argument("batch", help="the batch id printed by `ingest` or listed by `batches`")
    _db_arg(u)
    u.add_argument("--by", help="who is undoing (default: $USER); recorded in a lake's history")
    u.set_defaults(func=cmd_undo)

    h = sub.add_parser("hash-password", help="print the configuration line that switches on the upload page")
    h.set_defaults(func=cmd_hash_password)
