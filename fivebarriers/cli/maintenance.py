"""Commands that look after the database file: `upgrade` (a file made by an
older release, brought up to this one with every load kept) and `restore`
(list the backups that builds, undos and upgrades keep, and bring one back).
Registered in cli.main.EXTRA_COMMANDS; the work is done by data/upgrade.py."""

from __future__ import annotations

import argparse

from fivebarriers import progress
from fivebarriers.cli import reloads
from fivebarriers.cli.invocation import prog
from fivebarriers.config import ENV_DB
from fivebarriers.data import restore, upgrade
from fivebarriers.data.problems import shown
from fivebarriers.errors import UserError
from fivebarriers.store import backend, backups


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help=f"database file (default: ${ENV_DB} or data/fivebarriers.duckdb)")


def cmd_upgrade(args: argparse.Namespace) -> int:
    try:
        report = upgrade.upgrade(args.db, progress=progress.terminal())
    except upgrade.UpgradeError as exc:
        raise UserError(str(exc)) from exc
    if report.already_current:
        print(f"{report.db} is already at schema version {report.to_version}: nothing to do")
        return 0
    rows = sum(report.tables.values())
    print(
        f"upgraded {report.db} from schema version {report.from_version} to {report.to_version}: "
        f"{rows:,} rows in {len(report.tables)} tables, {report.loads} load(s) by analysts "
        f"({report.load_rows:,} rows) and their history kept"
    )
    if report.cleaned:
        where = ", ".join(f"{n:,} in {column}" for column, n in report.cleaned.items())
        print(
            f"cleaned {sum(report.cleaned.values()):,} cell(s) holding a character no spreadsheet can hold "
            f"(such as U+FFFE, which loads refuse today): each such character is now U+FFFD ({where})"
        )
    if report.backup:
        print(f"the file as it was is kept as {report.backup} (`{prog()} restore` lists backups)")
    reloads.show(report.reload)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = backend.resolve(args.db)
    if target.is_lake:
        raise UserError("restore works on database files; a lake keeps every snapshot itself")
    if not args.backup:
        found = backups.listing(target.path)
        if not found:
            print(
                f"no backups of {target.path.name} yet: build, undo and upgrade keep one "
                f"(the last {backups.how_many()}, set {backups.ENV_BACKUPS} to change)"
            )
            return 0
        print(f"backups of {target.path} (newest first; restore one with `{prog()} restore N`):")
        for number, b in enumerate(found, start=1):
            print(
                f"{number:>3}  {b.at:%Y-%m-%d %H:%M:%S} UTC  {b.operation:<40} "
                f"{b.size / 2**20:8.1f} MiB  {b.name}"
            )
        return 0
    loads = restore.KEEP if args.keep_loads else restore.DISCARD if args.discard_loads else restore.REFUSE
    try:
        result = restore.restore(target, args.backup, loads=loads)
    except restore.RestoreError as exc:
        raise UserError(str(exc)) from exc
    chosen = result.chosen
    print(
        f"restored {target.path} from {chosen.name} "
        f"(kept by {chosen.operation} at {chosen.at:%Y-%m-%d %H:%M} UTC)"
    )
    if result.reapplied:
        print(
            f"kept {result.loads.describe()} the backup lacked: "
            "re-applied in the order they were loaded, and checked"
        )
    if result.csvs:
        print(f"dropped {result.loads.describe()} the backup lacked; each is in a CSV you can load again:")
        for path in result.csvs:
            print(f"  {shown(path, 300)}")
    if result.kept:
        print(f"the file it replaced is kept as {result.kept.name}: `{prog()} restore` lists it")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    u = sub.add_parser(
        "upgrade", help="bring a database made by an older version up to this one, keeping every load"
    )
    _db_arg(u)
    u.set_defaults(func=cmd_upgrade)

    r = sub.add_parser("restore", help="list the backups of the database, or bring one back")
    r.add_argument("backup", nargs="?", help="number from the list (1 = newest) or file name; omit to list")
    _db_arg(r)
    keep_or_drop = r.add_mutually_exclusive_group()
    keep_or_drop.add_argument(
        "--keep-loads",
        action="store_true",
        help="the database holds loads the backup lacks: restore, then re-apply them in order, checked",
    )
    keep_or_drop.add_argument(
        "--discard-loads",
        action="store_true",
        help="the database holds loads the backup lacks: write each to a CSV beside it, then restore",
    )
    r.set_defaults(func=cmd_restore)
