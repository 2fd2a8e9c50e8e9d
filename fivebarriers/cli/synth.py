"""`fivebarriers synth --outputs N --db PATH [--seed S]`: write a synthetic database."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fivebarriers import progress
from fivebarriers.config import DATA_DIR
from fivebarriers.data import synth
from fivebarriers.errors import UserError


def cmd_synth(args: argparse.Namespace) -> int:
    # Imported here: cli imports this module to register the command.

    db = Path(args.db)
    if db.resolve().parent == DATA_DIR.resolve():
        raise UserError(f"refusing to write synthetic data into {DATA_DIR}: choose a path outside data/")
    if args.outputs < 1 or args.outputs > synth.MAX_OUTPUTS:
        raise UserError(f"--outputs must be between 1 and {synth.MAX_OUTPUTS:,}")
    if args.pilots is not None and args.pilots < 1:
        raise UserError("--pilots must be at least 1")
    started = time.perf_counter()
    print(f"writing {args.outputs:,} synthetic outputs (seed {args.seed}) to {db}")
    try:
        counts = synth.synth(
            db,
            args.outputs,
            seed=args.seed,
            constraints=args.constraints,
            pilots=args.pilots,
            progress=lambda msg: print(msg, flush=True),
            draw=progress.terminal(),  # a bar on stderr when someone watches it
        )
    except OSError as exc:
        raise UserError(f"cannot write {db}: {exc.strerror or exc}") from exc
    total = sum(v for k, v in counts.items() if k != "build_info")
    print(f"synthesised {db}: {total:,} rows in {time.perf_counter() - started:.1f} s")
    for table, n in counts.items():
        print(f"  {table:<20} {n:>12,}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "synth",
        help="write a synthetic database (marked synthetic) for tests and benchmarks",
        description="Write a realistic synthetic database, the same for the same seed.",
    )
    s.add_argument("--outputs", type=int, required=True, help="number of outputs (e.g. 1000000)")
    s.add_argument("--db", required=True, help="database file to write (replaced atomically)")
    s.add_argument("--seed", type=int, default=1, help="seed: the same seed gives the same data (default 1)")
    s.add_argument("--pilots", type=int, help="number of pilots (default: outputs / 400, 100 to 25,000)")
    s.add_argument(
        "--constraints",
        action="store_true",
        help="build with every key and CHECK of schema.sql (4x slower and bigger at 10M; "
        "without them `check` still re-tests every rule)",
    )
    s.set_defaults(func=cmd_synth)
