"""Time the search (queries/search_hits.sql) on a database, after making sure
it has a search index (a database made before the index existed gets one, in
one write, timed).

    .venv/bin/python -m bench.search_bench --db bench/work/synth-10000000.duckdb

Queries are drawn from the data itself: whole names, the start of a name
("east sus"), a name with a letter dropped ("Croxeth"), two words, a word
nothing holds; each is run cold once (first) and then `--runs` times with
the query cache of Streamlit out of the way (the Database is called
directly), so every figure is DuckDB's own work. Budget: 100 ms a query.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from fivebarriers.store import backend, search_index
from fivebarriers.store.db import Database

PER_KIND = 5
BUDGET_MS = 100.0


def has_index(db_file: Path) -> bool:
    with Database(db_file) as db:
        found = db.execute(
            "select count(*) from duckdb_tables() where schema_name = 'search' and table_name = 'documents'"
        ).single_value()
    return bool(found)


def ensure_index(db_file: Path, rebuild: bool) -> float | None:
    if has_index(db_file) and not rebuild:
        return None
    started = time.perf_counter()
    backend.write_transaction(backend.Target(str(db_file)), search_index.rebuild)
    return time.perf_counter() - started


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def sample_queries(db: Database, rng: random.Random) -> list[tuple[str, str]]:
    labels = [
        r[0] for r in db.execute("select label from search.documents where kind in ('pilot', 'place')").rows
    ]
    rng.shuffle(labels)
    words = [w for label in labels[:200] for w in label.replace(",", " ").split() if len(w) >= 6]
    out = []
    for label in labels[:5]:
        out.append(("whole name", label))
    for word in words[:5]:
        out.append(("start of a word", word[:3]))
    for word in words[5:10]:
        out.append(("one letter dropped", typo(word, rng)))
    for a, b in zip(words[10:15], words[15:20], strict=False):
        out.append(("two words", f"{a} {b}"))
    out.append(("nothing holds it", "zzqxj"))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--rebuild", action="store_true", help="rebuild the index first, and time it")
    args = p.parse_args()
    db_file = Path(args.db)
    took = ensure_index(db_file, args.rebuild)
    if took is not None:
        print(f"index (re)built in one write: {took:.1f} s")
    with Database(db_file) as db:
        sizes = db.execute(
            "select (select count(*) from outputs), (select count(*) from search.documents),"
            " (select count(*) from search.words), (select count(*) from search.terms)"
        ).first()
        print(
            f"{sizes[0]:,} outputs; index: {sizes[1]:,} documents, {sizes[2]:,} words, {sizes[3]:,} postings"
        )
        medians: list[float] = []
        # CPU time of this process (DuckDB's threads included): the work a
        # query does, which a machine shared with other jobs does not inflate
        # the way it inflates wall time.
        cpu_medians: list[float] = []
        for kind, text in sample_queries(db, random.Random(1)):
            times, cpu = [], []
            for _ in range(args.runs + 1):
                started, started_cpu = time.perf_counter(), time.process_time()
                hits = db.query("search_hits", q=text, per_kind=PER_KIND)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            median = statistics.median(times[1:])
            medians.append(median)
            cpu_medians.append(statistics.median(cpu[1:]))
            print(
                f"{kind:<20} {text[:34]!r:<38} first {times[0]:6.1f} ms  median {median:6.1f} ms"
                f"  max {max(times[1:]):6.1f} ms  cpu {cpu_medians[-1]:6.1f} ms  hits {len(hits)}"
            )
        print(
            f"all queries: median {statistics.median(medians):.1f} ms, worst median {max(medians):.1f} ms "
            f"(budget {BUDGET_MS:.0f} ms); CPU per query: median {statistics.median(cpu_medians):.1f} ms, "
            f"worst {max(cpu_medians):.1f} ms; load average {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
