"""What a workshop costs, measured: the storyboard built from the database,
one presenter-session poll (read the shared position, draw the slide as HTML),
a move, the deck and the handout. Prints a table; no thresholds.

    .venv/bin/python -m bench.present_timing [--db PATH] [--repeat 50]

A poll runs twice a second in each window of a session, so it must stay a
few milliseconds; the storyboard is built once per focus and data version
(views/present.py keeps it per browser tab), so its cost is paid on the
first view and after a load."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fivebarriers.data import build
from fivebarriers.store.db import Database
from fivebarriers.workshop import deck, handout, sessions, slide_html, storyboard


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a database file (default: one built from data/ in a temp folder)")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    db_path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "fivebarriers.duckdb"
    if not args.db:
        build.build(db_path)
    store = sessions.Store(tempfile.mkdtemp())
    with Database(db_path) as db:
        fetch = storyboard.from_database(db)
        story = storyboard.build(fetch)
        position = store.open(story.filters, len(story))

        def poll() -> None:
            current = store.get(position.code)
            number = current.slide
            slide_html.slide_html(story.slides[number - 1], number, len(story))
            if number < len(story):
                slide_html.slide_html(story.slides[number], number + 1, len(story))
            slide_html.notes_html(story.slides[number - 1])

        few, many = max(args.repeat // 10, 3), args.repeat
        rows = [
            (
                "storyboard from the database (13 slides)",
                _time(lambda: storyboard.build(fetch), few),
            ),
            ("one presenter poll: read position, now + next + notes as HTML", _time(poll, many)),
            (
                "one move (write the shared position)",
                _time(lambda: store.move(position.code, 3), many),
            ),
            ("deck (.pptx bytes)", _time(lambda: deck.deck_bytes(story), few)),
            ("handout (HTML)", _time(lambda: handout.html_text(story), many)),
        ]
    width = max(len(name) for name, _ in rows)
    print(f"{'step':<{width}}  median ms    max ms")
    for name, (median, worst) in rows:
        print(f"{name:<{width}}  {median:9.2f}  {worst:8.2f}")


if __name__ == "__main__":
    main()
