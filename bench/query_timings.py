"""Time every page query (queries/*.sql except check_* and synth_*) on a
database, with parameters varied between runs so no result is reused.

    .venv/bin/python -m bench.query_timings --db bench/work/synth-1000000.duckdb
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path
from typing import Any

from fivebarriers import queries
from fivebarriers.store.db import Database

_PARAMETER = re.compile(r"\$(\w+)")
_COMMENT = re.compile(r"--[^\n]*")
SKIP_PREFIXES = ("check_", "synth_")


def parameter_names(name: str) -> list[str]:
    return sorted(set(_PARAMETER.findall(_COMMENT.sub("", queries.sql(name)))))


def sample_values(db: Database) -> dict[str, list[Any]]:
    """A few real values for each filter, so runs hit different data."""

    def column(sql_text: str) -> list[Any]:
        return [row[0] for row in db.execute(sql_text).rows]

    return {
        "barrier": column("select barrier_id from barriers order by number"),
        "place": column(
            "select place_id from places where kind not in ('country') order by hash(place_id) limit 8"
        ),
        "department": column("select distinct lineage_id from departments order by 1 limit 8"),
        "programme": column("select programme_id from programmes order by hash(programme_id) limit 8"),
        "pilot": column("select pilot_id from pilots order by hash(pilot_id) limit 8"),
        "source": column("select source_id from sources order by 1"),
        "kind": ["achieved", "expected", None],
        "status": ["reported", "not reported", None],
        "rows": ["programme", "barrier", "kind", "department", "place"],
        "columns": ["status", "kind", "none", "barrier"],
        # Department roles counted (led or partnered is the Departments page's default).
        "roles": [["lead", "partner"], ["lead", "partner", "engaged", "named"]],
        # Goal headlines: the Overview's scope (every programme) is the largest.
        "dimension": ["programme"],
    }


FIXED = {"limit": 50, "offset": 0}


def params_for(names: list[str], samples: dict[str, list[Any]], run: int) -> dict[str, Any]:
    out = {}
    for name in names:
        if name in FIXED:
            out[name] = FIXED[name]
        elif samples.get(name):
            values = samples[name]
            out[name] = values[run % len(values)]
        else:
            out[name] = None
    return out


def time_queries(db_file: Path, runs: int = 5) -> list[dict[str, Any]]:
    rows = []
    with Database(db_file) as db:
        samples = sample_values(db)
        for name in queries.names():
            if name.startswith(SKIP_PREFIXES):
                continue
            names = parameter_names(name)
            times, sizes, error = [], [], None
            for run in range(runs):
                params = params_for(names, samples, run)
                started = time.perf_counter()
                try:
                    result = db.execute(queries.sql(name), params)
                except Exception as exc:  # report and carry on: one bad query must not stop the bench
                    error = str(exc).splitlines()[0][:80]
                    break
                times.append(time.perf_counter() - started)
                sizes.append(len(result))
            rows.append(
                {
                    "query": name,
                    "first_ms": times[0] * 1000 if times else None,
                    "median_ms": statistics.median(times[1:] or times) * 1000 if times else None,
                    "max_rows": max(sizes) if sizes else None,
                    "error": error,
                }
            )
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    for row in sorted(time_queries(Path(args.db), args.runs), key=lambda r: -(r["median_ms"] or 0)):
        if row["error"]:
            print(f"{row['query']:<28} ERROR {row['error']}")
        else:
            print(
                f"{row['query']:<28} first {row['first_ms']:8.1f} ms  median {row['median_ms']:8.1f} ms"
                f"  rows<={row['max_rows']}"
            )


if __name__ == "__main__":
    main()
