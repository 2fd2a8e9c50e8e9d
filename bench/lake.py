"""The lake against the embedded file: page-query times at 1M outputs, and
concurrent write throughput with 1, 2 and 4 writer processes.

    .venv/bin/python -m bench.lake                 # 1M outputs, writes bench/lake_results.md
    .venv/bin/python -m bench.lake --outputs 100000 --loads 4 --no-write-md

Starts its own throwaway Postgres (tests/pg_fixture.py: Debian's package,
loopback only, stopped afterwards). The synthetic file comes from `synth`
and goes into the lake with `migrate`, so both hold the same rows.

Every write goes through backend.write_transaction, as ingest will: each
load inserts ROWS outputs copied from existing ones (new ids) plus one
ingest_batches row, in one transaction. Writers are separate processes
released at the same instant; each stops after LOADS loads or SECONDS,
whichever comes first. Afterwards the row counts must be exact.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from bench.query_timings import time_queries
from fivebarriers import queries
from fivebarriers.config import ROOT
from fivebarriers.data import migrate, synth
from fivebarriers.store import backend

WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "lake_results.md"
# The Overview page's queries, in the order the page runs them (one rerun).
OVERVIEW = ("overview_counts", "programme_options", "headline_results", "barrier_summary")
NOT_PAGES = ("lake_", "migrate_", "ingest_")

# Copies existing outputs under new ids: realistic rows, no generator needed.
COPY_OUTPUTS = """
insert into outputs
select * replace (output_id || '~' || $batch_id as output_id, $batch_id as batch_id)
from outputs
where batch_id is null
limit $rows
"""
COUNT_LOADED = "select count(*) from outputs where batch_id like 'bench-%'"


def load_avg() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


# --- writer process --------------------------------------------------------------------------


def writer(
    url: str, data_path: str, wid: int, loads: int, rows: int, seconds: float, start_at: float
) -> None:
    target = backend.Target(url, data_path or None)
    if target.is_lake:
        # Load the extensions and attach before the start line (an empty write, one snapshot).
        backend.write_transaction(target, lambda con: None)
    while time.time() < start_at:
        time.sleep(0.001)
    deadline = time.monotonic() + seconds
    done, attempts, latencies = 0, 0, []
    for n in range(loads):
        if time.monotonic() > deadline:
            break
        batch_id = f"bench-{wid}-{n}-{os.getpid()}"
        tries = {"n": 0}

        def load(con, batch_id: str = batch_id, tries: dict = tries) -> None:
            tries["n"] += 1
            con.execute(COPY_OUTPUTS, {"batch_id": batch_id, "rows": rows})
            con.execute(
                queries.sql("ingest_record_batch"),
                {
                    "batch_id": batch_id,
                    "table_name": "outputs",
                    "file_name": batch_id + ".csv",
                    "sha256": batch_id,
                    "loaded_by": f"writer{wid}",
                    "loaded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    "row_count": rows,
                    "note": None,
                },
            )

        started = time.perf_counter()
        backend.write_transaction(target, load, who=f"writer{wid}", message=batch_id, retries=100)
        latencies.append(time.perf_counter() - started)
        attempts += tries["n"]
        done += 1
    print(json.dumps({"loads": done, "retries": attempts - done, "latencies": latencies}))


def run_writers(target: backend.Target, count: int, loads: int, rows: int, seconds: float) -> dict[str, Any]:
    before = _count(target)
    start_at = time.time() + 3.0  # every process loaded and attached by then
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.lake",
                "--writer",
                target.url,
                target.data_path or "",
                str(w),
                str(loads),
                str(rows),
                str(seconds),
                str(start_at),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for w in range(count)
    ]
    results = [json.loads(p.communicate(timeout=seconds + 120)[0]) for p in procs]
    wall = time.time() - start_at
    done = sum(r["loads"] for r in results)
    latencies = sorted(x for r in results for x in r["latencies"])
    added = _count(target) - before
    return {
        "writers": count,
        "loads": done,
        "wall_s": wall,
        "loads_per_s": done / wall,
        "rows_per_s": done * rows / wall,
        "retries": sum(r["retries"] for r in results),
        "median_s": statistics.median(latencies),
        "worst_s": latencies[-1],
        "exact": added == done * rows,
    }


def _count(target: backend.Target) -> int:
    con = backend.connect_reader(target)
    try:
        return con.execute(COUNT_LOADED).fetchone()[0]
    finally:
        con.close()


# --- the run ---------------------------------------------------------------------------------


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--outputs", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=5, help="runs per query (first, then median of the rest)")
    p.add_argument("--writers", default="1,2,4")
    p.add_argument("--loads", type=int, default=10, help="loads per writer (upper bound)")
    p.add_argument("--rows", type=int, default=2000, help="output rows per load")
    p.add_argument("--seconds", type=float, default=40, help="time bound per writer")
    p.add_argument("--no-write-md", action="store_true")
    p.add_argument("--writer", nargs=7, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.writer:
        url, data, wid, loads, rows, seconds, start_at = args.writer[0], *args.writer[1:]
        writer(url, data, int(wid), int(loads), int(rows), float(seconds), float(start_at))
        return

    sys.path.insert(0, str(ROOT))
    from tests.pg_fixture import postgres

    WORK.mkdir(parents=True, exist_ok=True)
    lines = [f"# DuckLake on Postgres against the embedded file ({args.outputs:,} outputs)", ""]
    lines += [
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, DuckDB {backend.duckdb.__version__}, "
        f"load average at start {load_avg()} on {os.cpu_count()} cores (other sessions share them).",
        "Postgres 15 from Debian on loopback, fsync off; Parquet files on local disk. "
        "Reproduce: `.venv/bin/python -m bench.lake`.",
        "",
    ]
    file_db = WORK / f"lake-bench-{args.outputs}.duckdb"
    started = time.perf_counter()
    synth.synth(file_db, args.outputs)
    print(
        f"synth {args.outputs:,} outputs into {file_db.name}: {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    with postgres() as pg:
        lake = pg.lake("bench")
        report = migrate.migrate(file_db, lake)
        print(f"migrate: {report.seconds}", flush=True)
        lines += [
            f"Migration of {report.rows:,} rows: copy {report.seconds['copy']:.1f} s, row-for-row "
            f"comparison {report.seconds['compare']:.1f} s, check {report.seconds['check']:.1f} s, "
            f"{len(report.findings)} findings.",
            "",
        ]
        file_times = {r["query"]: r for r in time_queries(backend.Target(str(file_db)), args.runs)}
        lake_times = {r["query"]: r for r in time_queries(lake, args.runs)}
        lines += _query_table(file_times, lake_times)

        write_rows = []
        for count in [int(c) for c in args.writers.split(",")]:
            for name, target in (("lake", lake), ("file", backend.Target(str(file_db)))):
                print(f"{name}: {count} writer(s)…", flush=True)
                write_rows.append(
                    {"backend": name, **run_writers(target, count, args.loads, args.rows, args.seconds)}
                )
        lines += _write_table(write_rows, args)
    lines += ["", f"Load average at the end: {load_avg()}."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write_md:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")


def _ms(value: float | None) -> str:
    return "error" if value is None else f"{value:.1f}"


def _query_table(file_times: dict, lake_times: dict) -> list[str]:
    out = [
        "## Page queries (ms; first run, then median of the others, parameters varied)",
        "",
        "| query | file first | file median | lake first | lake median | lake / file |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    # Page queries only: not the write statements, nor this backend's own bookkeeping.
    pages = [n for n in file_times if not n.startswith(NOT_PAGES) and file_times[n]["median_ms"] is not None]
    for name in sorted(pages, key=lambda n: -(lake_times.get(n, {}).get("median_ms") or 0)):
        f, k = file_times[name], lake_times.get(name, {})
        ratio = (k.get("median_ms") or 0) / f["median_ms"] if f.get("median_ms") else 0
        out.append(
            f"| {name} | {_ms(f['first_ms'])} | {_ms(f['median_ms'])} | {_ms(k.get('first_ms'))} "
            f"| {_ms(k.get('median_ms'))} | {ratio:.1f}× |"
        )
    file_page = sum(file_times[q]["median_ms"] or 0 for q in OVERVIEW)
    lake_page = sum(lake_times[q]["median_ms"] or 0 for q in OVERVIEW)
    out += [
        "",
        f"Overview page rerun without cache ({', '.join(OVERVIEW)}): file {file_page:.0f} ms, "
        f"lake {lake_page:.0f} ms (the app caches results per data version, so a rerun with "
        "unchanged data costs one snapshot poll on the lake, about 3 ms).",
        "",
    ]
    return out


def _write_table(rows: list[dict], args: argparse.Namespace) -> list[str]:
    out = [
        f"## Concurrent writes ({args.rows:,} output rows + 1 batch row per load; each writer at most "
        f"{args.loads} loads or {args.seconds:.0f} s)",
        "",
        "| backend | writers | loads | wall s | loads/s | rows/s | retries | median load s | worst load s "
        "| counts exact |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['backend']} | {r['writers']} | {r['loads']} | {r['wall_s']:.1f} | {r['loads_per_s']:.2f} "
            f"| {r['rows_per_s']:,.0f} | {r['retries']} | {r['median_s']:.2f} | {r['worst_s']:.2f} "
            f"| {'yes' if r['exact'] else 'NO'} |"
        )
    out += [
        "",
        "Lake: commits are serialised by the write token, so extra writers add conflicts (retries) "
        "rather than throughput; each retry re-runs the whole transaction. File: writers queue on the "
        "advisory lock, and each load copies the whole file before writing.",
    ]
    return out


if __name__ == "__main__":
    main()
