"""`fivebarriers deck` and `fivebarriers handout`: the workshop storyboard as a
PowerPoint deck or a printable HTML handout, offline, from a database file or a lake.

Registered through cli.EXTRA_COMMANDS. cli is imported inside the command
functions, not at module level, so cli can import this module without a cycle."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from fivebarriers.config import ENV_DB
from fivebarriers.errors import UserError
from fivebarriers.store import backend
from fivebarriers.store.db import Database
from fivebarriers.workshop import deck, handout, storyboard


def _filter_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help=f"file or ducklake:postgres:<conninfo> (default: ${ENV_DB} or data/fivebarriers.duckdb)",
    )
    parser.add_argument("--place", help="only case studies and findings in this place (a place_id)")
    parser.add_argument("--barrier", help="only this barrier (a barrier_id, e.g. data-sharing)")
    parser.add_argument("--programme", help="only this programme (a programme_id, e.g. pfpp)")


def _storyboard(args: argparse.Namespace) -> storyboard.Storyboard:

    try:
        db = Database(backend.resolve(args.db))
    except backend.BackendError as exc:
        raise UserError(str(exc)) from exc
    except duckdb.Error as exc:
        raise UserError(f"cannot open the database: {backend.redact(str(exc).splitlines()[0])}") from exc
    try:
        filters = storyboard.Filters(place=args.place, barrier=args.barrier, programme=args.programme)
        return storyboard.build(storyboard.from_database(db), filters)
    except storyboard.UnknownFilter as exc:
        raise UserError(str(exc)) from exc
    finally:
        db.close()


def _out_path(raw: str, suffixes: tuple[str, ...]) -> Path:

    out = Path(raw)
    if out.suffix.lower() not in suffixes:
        raise UserError(f"--out must end in {' or '.join(suffixes)}: got '{out.name}'")
    if not out.parent.exists():
        raise UserError(f"folder {out.parent} does not exist")
    return out


def cmd_deck(args: argparse.Namespace) -> int:
    out = _out_path(args.out, (".pptx",))
    start = time.perf_counter()
    story = _storyboard(args)
    size = deck.write_deck(story, out)
    seconds = time.perf_counter() - start
    print(f"wrote {out}: {len(story)} slides, {size:,} bytes in {seconds:.2f} s")
    for number, slide in enumerate(story.slides, start=1):
        print(f"  {number:>2}. {slide.title}")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    out = _out_path(args.out, (".html", ".htm"))
    story = _storyboard(args)
    size = handout.write_handout(story, out)
    print(f"wrote {out}: {handout.page_count(story)} printed A4 pages, {size:,} bytes")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("deck", help="write the workshop slides as a PowerPoint deck with editable charts")
    _filter_args(d)
    d.add_argument("--out", required=True, help="the .pptx file to write")
    d.set_defaults(func=cmd_deck)

    h = sub.add_parser(
        "handout", help="write a printable handout (a title page and one A4 page per barrier) in one file"
    )
    _filter_args(h)
    h.add_argument("--out", required=True, help="the .html file to write")
    h.set_defaults(func=cmd_handout)
