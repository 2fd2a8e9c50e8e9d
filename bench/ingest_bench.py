"""Ingest throughput: a valid file of new outputs loaded into a copy of the
synthetic database through fivebarriers.data.ingest.ingest (validation, the
copy-write-check-replace load and its history row, all of it)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import duckdb

from fivebarriers import queries


def write_sample(db: Path, rows: int, out: Path) -> Path:
    """Write `rows` valid new outputs as CSV (made by DuckDB from the synthetic DB)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        sample = con.execute(queries.sql("synth_ingest_sample"), {"rows": rows}).fetch_arrow_table()
        # Relation API: DuckDB writes the file; no SQL is built from the path.
        con.from_arrow(sample).write_csv(str(out))
    finally:
        con.close()
    return out


def run(db: Path, rows: int, work: Path) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    sample = write_sample(db, rows, work / f"ingest-{rows}.csv")
    target = work / "ingest-target.duckdb"
    shutil.copyfile(db, target)
    result: dict[str, Any] = {"rows": rows, "file_mib": sample.stat().st_size / 2**20}
    try:
        from fivebarriers.data import ingest
    except ImportError as exc:
        result["error"] = f"cannot import fivebarriers.data.ingest ({exc})"
        return result
    started = time.perf_counter()
    report = ingest.ingest(sample, table="outputs", db=target, loaded_by="bench", max_bytes=2**34)
    elapsed = time.perf_counter() - started
    result.update(
        seconds=elapsed,
        rows_per_s=rows / elapsed if report.loaded else None,
        loaded=report.loaded,
        problems=len(report.problems),
        first_problem=str(report.problems[0]) if report.problems else None,
        stages={k: round(v, 2) for k, v in report.seconds.items()},
    )
    target.unlink(missing_ok=True)
    return result
