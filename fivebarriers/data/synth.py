"""A realistic synthetic database, for benchmarks and for tests at scale.

Everything is generated inside DuckDB by the queries/synth_*.sql files:
`range()` gives the row numbers and `hash(seed, key, salt)` the
pseudo-randomness (macros in synth_macros.sql), so the same seed gives the
same tables whatever the thread count, and 10,000,000 outputs take seconds,
not the minutes a Python loop would. Python only decides the sizes, runs the
files in foreign-key order and swaps the finished file into place.

Every source row is kind 'synthetic' with is_synthetic true, so every page
shows the synthetic-data banner (ui.synthetic_banner).

Constraints (measured on the 2-core machine, 10,000,000 outputs): with every
key, foreign key and CHECK of schema.sql the build took 46 s and wrote
1,041 MB, of which about 780 MB is the primary-key index (ART) on
outputs.output_id; without them it took 11 s and wrote 263 MB. The index
buys nothing the pages use (they scan and aggregate; none looks one output
up by id) and makes every load dearer: ingest copies the whole file before
writing (GUIDE §8), so a 4x bigger file is a 4x slower copy. So synth builds
WITHOUT constraints by default, and `fivebarriers check` re-tests every key,
foreign key and honesty rule in SQL (1.9 s at 10M) and passes.
`constraints=True` (CLI `--constraints`) builds the keyed variant.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from fivebarriers import queries
from fivebarriers.progress import Draw, Progress
from fivebarriers.store import backend, schema, search_index, summaries, version

# Rows per INSERT for outputs: big enough to keep both cores busy, small
# enough to bound memory and give a progress line every couple of seconds.
CHUNK = 2_000_000
# ... and at most a tenth of the outputs, so the progress bar moves at 1M too.
SMALLEST_CHUNK = 100_000
# The steps the progress bar names (progress.py).
STEPS = ("writing outputs", "writing summaries and the search index")
MAX_OUTPUTS = 200_000_000

# Small tables, in foreign-key order, after which the pilot plan is drawn.
_REGISTER = ("sources", "barriers", "recommendations", "departments", "places", "programmes")
_PILOT_LINKS = ("pilots", "programme_places", "pilot_barriers", "pilot_departments")
_AFTER_OUTPUTS = ("barrier_evidence", "funding_flows", "context_figures", "build_info")


_PARAMETER = re.compile(r"\$(\w+)")
_COMMENT = re.compile(r"--[^\n]*")


@dataclass(frozen=True)
class Sizes:
    """How big each part of the synthetic world is, derived from the output count."""

    outputs: int
    pilots: int
    authorities: int = 300
    programmes: int = 40
    evidence: int = 2_000
    flows: int = 400

    @classmethod
    def for_outputs(cls, outputs: int, pilots: int | None = None) -> Sizes:
        # About 400 outputs per pilot (several measures, monthly, for a few
        # years), within 100 .. 25,000 pilots.
        derived = min(25_000, max(100, outputs // 400))
        return cls(outputs=outputs, pilots=pilots or derived)


def _run(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> None:
    text = queries.sql(name)
    # Each file is one statement; pass only the parameters its code names
    # (comments aside), since DuckDB refuses unused named parameters.
    named = set(_PARAMETER.findall(_COMMENT.sub("", text)))
    con.execute(text, {k: v for k, v in params.items() if k in named})


def generate(
    con: duckdb.DuckDBPyConnection,
    sizes: Sizes,
    seed: int,
    progress: Callable[[str], None] = lambda _msg: None,
    bar: Progress | None = None,
) -> None:
    """Fill the empty schema on `con` with the synthetic world."""
    params = {
        "seed": seed,
        "outputs": sizes.outputs,
        "pilots": sizes.pilots,
        "authorities": sizes.authorities,
        "programmes": sizes.programmes,
        "evidence": sizes.evidence,
        "flows": sizes.flows,
        "schema_sha256": version.fingerprint(),
    }
    con.execute(queries.sql("synth_macros"))
    for table in _REGISTER:
        _run(con, f"synth_{table}", params)
    _run(con, "synth_pilot_plan", params)
    for table in _PILOT_LINKS:
        _run(con, f"synth_{table}", params)
    progress(f"  register: {sizes.pilots:,} pilots in {sizes.programmes} programmes")
    started = time.perf_counter()
    chunk = min(CHUNK, max(SMALLEST_CHUNK, sizes.outputs // 10))
    for start in range(0, sizes.outputs, chunk):
        stop = min(start + chunk, sizes.outputs)
        _run(con, "synth_outputs", {**params, "start": start, "stop": stop})
        elapsed = time.perf_counter() - started
        if bar is not None and bar.drawing:
            bar.update(stop, STEPS[0])
        else:
            progress(f"  outputs: {stop:>12,} of {sizes.outputs:,} ({elapsed:.1f} s)")
    for table in _AFTER_OUTPUTS:
        _run(con, f"synth_{table}", params)
    con.execute("drop table synth_plan")


def synth(
    db: backend.Target | Path | str,
    outputs: int,
    seed: int = 1,
    constraints: bool = False,
    pilots: int | None = None,
    progress: Callable[[str], None] = lambda _msg: None,
    draw: Draw | None = None,
) -> dict[str, int]:
    """Write a synthetic database to `db` (a file or a lake) atomically; return row counts per table.
    `draw` draws a progress bar (progress.py) in place of the outputs' lines."""
    if outputs < 1 or outputs > MAX_OUTPUTS:
        raise ValueError(f"outputs must be between 1 and {MAX_OUTPUTS:,}")
    sizes = Sizes.for_outputs(outputs, pilots)
    target = backend.resolve(db)
    # Drawing nothing when `draw` is None; the outputs' lines are printed instead.
    bar = Progress(sizes.outputs, STEPS, draw)

    def work(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        # backend.reset_schema leaves out what a lake cannot hold (keys, CHECKs).
        backend.reset_schema(con, target, constraints=constraints)
        generate(con, sizes, seed, progress, bar)
        bar.update(0, STEPS[1])
        summaries.refresh(con)
        search_index.rebuild(con)
        bar.update(sizes.outputs)
        return {
            t: con.execute("select count(*) from query_table($t)", {"t": t}).fetchone()[0]
            for t in schema.TABLE_ORDER
        }

    # One write: a new file swapped in atomically, or one lake snapshot.
    with bar:
        return backend.write_transaction(
            target, work, fresh=True, message=f"synth {outputs} outputs, seed {seed}"
        )
