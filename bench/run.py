"""Benchmarks, side by side in one run, on one synthetic database:

    .venv/bin/python -m bench.run --outputs 1000000

(a) every registered page's first load and median rerun in AppTest, filters
changing between reruns; (b) its naive twin (bench/naive_pages/: whole
`results` view in pandas, plotly.express); (c) ingest of a valid 1,000,000-row
outputs file; (d) peak RSS of `streamlit run app.py` driven by Chromium.
Prints a table and writes bench/results/outputs-N.json and bench/results.md.
The synthetic database is built (or reused) under bench/work/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from fivebarriers.config import ROOT
from fivebarriers.data import synth
from fivebarriers.views import navigation

BENCH = ROOT / "bench"
WORK = BENCH / "work"
RESULTS = BENCH / "results"
NAIVE = BENCH / "naive_pages"

# A naive twin at 10M outputs needs tens of GiB; cap it so it fails alone
# instead of taking the machine (and everyone's work on it) down.
NAIVE_MEMORY_CAP = 10 * 2**30
NAIVE_TIMEOUT_S = 900


def log(msg: str) -> None:
    print(msg, flush=True)


def machine() -> dict[str, Any]:
    import duckdb
    import pandas
    import plotly
    import streamlit

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(mem_kib / 2**20, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "plotly": plotly.__version__,
        "load_average_at_start": os.getloadavg(),
    }


def ensure_db(outputs: int, seed: int, rebuild: bool) -> tuple[Path, float | None]:
    db = WORK / f"synth-{outputs}.duckdb"
    if db.exists() and not rebuild:
        return db, None
    log(f"building {db.name} …")
    started = time.perf_counter()
    synth.synth(db, outputs, seed=seed, progress=log)
    return db, time.perf_counter() - started


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (NAIVE_MEMORY_CAP, NAIVE_MEMORY_CAP))


def page_run(args: list[str], capped: bool = False, timeout: float | None = None) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.page_timing", *args]
    try:
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_cap_memory if capped else None,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout:.0f} s"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        reason = (
            "ran out of its memory cap" if "MemoryError" in proc.stderr or proc.returncode < 0 else tail[0]
        )
        return {"error": reason[:160]}
    return json.loads(lines[-1])


def naive_twin(url_path: str) -> Path | None:
    path = NAIVE / f"{url_path}.py"
    return path if path.exists() else None


def run(outputs: int, seed: int, reruns: int, warmup: int, rebuild: bool, skip: set[str]) -> dict[str, Any]:
    result: dict[str, Any] = {"outputs": outputs, "seed": seed, "machine": machine(), "pages": []}
    db, build_s = ensure_db(outputs, seed, rebuild)
    result["synth_seconds"] = build_s
    result["db_mib"] = db.stat().st_size / 2**20
    visits: list[tuple[str, dict[str, str]]] = []
    for spec in navigation.PAGES:
        log(f"page {spec.url_path}: AppTest …")
        fast = page_run(
            ["--app", spec.path, "--db", str(db), "--reruns", str(reruns), "--warmup", str(warmup)]
        )
        row: dict[str, Any] = {"page": spec.url_path, "fast": fast}
        visits.append((spec.url_path, {}))
        visits += [(spec.url_path, q) for q in fast.get("query_params", [])[-2:] if q]
        twin = naive_twin(spec.url_path)
        if twin and "naive" not in skip:
            log(f"page {spec.url_path}: naive twin …")
            row["naive"] = page_run(
                ["--script", str(twin.relative_to(ROOT)), "--db", str(db), "--reruns", "3", "--warmup", "1"],
                capped=True,
                timeout=NAIVE_TIMEOUT_S,
            )
        result["pages"].append(row)
        log(f"  {summary_line(row)}")
    if "ingest" not in skip:
        from bench import ingest_bench

        log("ingest of 1,000,000 rows …")
        result["ingest"] = ingest_bench.run(db, 1_000_000, WORK)
    if "memory" not in skip:
        from bench import memory

        log(f"app memory: streamlit run + Chromium over {len(visits)} page views …")
        result["memory"] = memory.run(db, visits, WORK / f"streamlit-{outputs}.log")
    result["machine"]["load_average_at_end"] = os.getloadavg()
    return result


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.0f} ms"


def _s(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:,.2f} s"


def summary_line(row: dict[str, Any]) -> str:
    fast, naive = row["fast"], row.get("naive") or {}
    return (
        f"{row['page']}: rerun {_ms(fast.get('rerun_median_s'))}, first {_s(fast.get('first_load_s'))}"
        f"{'; ' + fast['error'] if 'error' in fast else ''}"
        f" | naive rerun {_ms(naive.get('rerun_median_s'))} first {_s(naive.get('first_load_s'))}"
        f"{'; ' + naive['error'] if 'error' in naive else ''}"
    )


def _speedup(fast: float | None, naive: dict[str, Any]) -> str:
    if fast is None:
        return "–"
    if naive.get("rerun_median_s"):
        return f"{naive['rerun_median_s'] / fast:,.0f}×"
    if "error" in naive or naive.get("exception"):
        return "naive failed"
    return "–"


def table_md(result: dict[str, Any]) -> str:
    lines = [
        "| page | rerun median (fresh filters) | first load | naive rerun | naive first load "
        "| speed-up (rerun) "
        "| naive peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["pages"]:
        fast, naive = row["fast"], row.get("naive") or {}
        fresh = fast.get("fresh_reruns")
        runs = len(fast.get("rerun_times_s", []))
        note = f" ({fresh}/{runs} new)" if runs and fresh != runs else ""
        if "error" in fast:
            note += f" error: {fast['error']}"
        if fast.get("exception"):
            note += " exception shown"
        naive_cell = _ms(naive.get("rerun_median_s")) if naive else "no twin"
        naive_rss = f"{naive['peak_rss_mib']:,.0f} MiB" if naive.get("peak_rss_mib") else "–"
        if "error" in naive:
            naive_cell = naive["error"]
        elif naive.get("exception") and naive.get("rerun_median_s") is None:
            naive_cell = "failed: " + (
                "out of memory (10 GiB cap)"
                if "alloc" in naive["exception"][0]
                else naive["exception"][0][:60]
            )
        lines.append(
            f"| {row['page']} | {_ms(fast.get('rerun_median_s'))}{note} | {_s(fast.get('first_load_s'))} "
            f"| {naive_cell} | {_s(naive.get('first_load_s')) if naive else '–'} "
            f"| {_speedup(fast.get('rerun_median_s'), naive) if naive else '–'} "
            f"| {naive_rss} |"
        )
    return "\n".join(lines)


def section_md(result: dict[str, Any]) -> str:
    m = result["machine"]
    out = [f"## {result['outputs']:,} outputs (seed {result['seed']})", ""]
    build = result.get("synth_seconds")
    out.append(
        f"Synthetic database: {result['db_mib']:,.0f} MiB"
        + (f", built in {build:.1f} s in this run." if build else " (built before this run).")
    )
    out += ["", table_md(result), "", "Budgets (issue 8):", "", budgets_md(result), ""]
    ingest = result.get("ingest")
    if ingest:
        if ingest.get("rows_per_s"):
            out.append(
                f"Ingest of a valid {ingest['rows']:,}-row outputs file ({ingest['file_mib']:.0f} MiB CSV): "
                f"{ingest['seconds']:.1f} s, **{ingest['rows_per_s']:,.0f} rows/s** "
                f"(stages: {ingest['stages']})."
            )
        else:
            out.append(f"Ingest: not measured: {ingest.get('error') or ingest.get('first_problem')}.")
    mem = result.get("memory")
    if mem:
        out.append(
            f"App process (`streamlit run`, {len(mem['visits'])} page views in Chromium): "
            f"idle {mem['idle_rss_mib']:,.0f} MiB, **peak {mem['peak_rss_mib']:,.0f} MiB** (VmHWM), "
            f"{mem['final_rss_mib']:,.0f} MiB at the end. Slowest browser page view: "
            f"{max(v['seconds'] for v in mem['visits']):.1f} s."
        )
    out.append(
        f"Load average (1, 5, 15 min) at start {tuple(round(x, 1) for x in m['load_average_at_start'])}, "
        f"at end {tuple(round(x, 1) for x in m['load_average_at_end'])}: the 2 cores were shared with "
        "other work during the run."
    )
    return "\n".join(out) + "\n"


# Issue 8's budgets: rerun and first load at 10M; speed-up over the naive twin
# at 1M (5x) and 10M (20x); ingest rate; app memory at 10M.
RERUN_BUDGET_S = 0.050
FIRST_LOAD_BUDGET_S = 1.0
SPEEDUP_BUDGET = {1_000_000: 5, 10_000_000: 20}
INGEST_BUDGET_ROWS_S = 1_000_000
RSS_BUDGET_MIB = 1.5 * 1024


def _verdict(value: float | None, budget: float, better_low: bool, unit: str, scale: float = 1) -> str:
    if value is None:
        return "not measured"
    ok = value <= budget if better_low else value >= budget
    if ok:
        return "met"
    ratio = value / budget if better_low else budget / value
    gap = (value - budget) if better_low else (budget - value)
    return f"missed by {gap * scale:,.0f} {unit} ({ratio:.1f}×)"


def _naive_failure(naive: dict[str, Any]) -> str:
    text = naive.get("error") or (naive.get("exception") or ["no rerun finished"])[0]
    return "out of memory under the 10 GiB cap" if "alloc" in text.lower() else text[:60]


def budgets_md(result: dict[str, Any]) -> str:
    """One line per page and budget: met, or missed by how much."""
    outputs = result["outputs"]
    lines = ["| page | rerun ≤ 50 ms | first load ≤ 1 s | speed-up vs naive |", "|---|---|---|---|"]
    want = SPEEDUP_BUDGET.get(outputs)
    for row in result["pages"]:
        fast, naive = row["fast"], row.get("naive") or {}
        rerun = fast.get("rerun_median_s")
        first = fast.get("first_load_s")
        if not naive:
            speed = "no twin"
        elif naive.get("rerun_median_s") and rerun:
            factor = naive["rerun_median_s"] / rerun
            speed = f"{factor:,.0f}× " + ("met" if want and factor >= want else f"(budget {want}×) missed")
        else:
            speed = "no ratio: the naive twin failed (" + _naive_failure(naive) + ")"
        lines.append(
            f"| {row['page']} | {_verdict(rerun, RERUN_BUDGET_S, True, 'ms', 1000)} "
            f"| {_verdict(first, FIRST_LOAD_BUDGET_S, True, 'ms', 1000)} | {speed} |"
        )
    ingest = (result.get("ingest") or {}).get("rows_per_s")
    rss = (result.get("memory") or {}).get("peak_rss_mib")
    lines += [
        "",
        f"Ingest ≥ 1,000,000 rows/s: {_verdict(ingest, INGEST_BUDGET_ROWS_S, False, 'rows/s')}. "
        f"App peak RSS ≤ 1.5 GiB: {_verdict(rss, RSS_BUDGET_MIB, True, 'MiB')}.",
    ]
    return "\n".join(lines)


def write_results_md() -> Path:
    runs = sorted(
        (json.loads(p.read_text()) for p in RESULTS.glob("outputs-*.json")), key=lambda r: r["outputs"]
    )
    if not runs:
        raise SystemExit("no results yet")
    m = runs[-1]["machine"]
    head = [
        "# Benchmark results",
        "",
        "Made by `.venv/bin/python -m bench.run --outputs N` (see bench/README.md); "
        "this file is rewritten on "
        "every run from bench/results/outputs-N.json. What the columns mean and what made the difference: "
        "bench/README.md.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}; Python {m['python']}, "
        f"DuckDB {m['duckdb']}, Streamlit {m['streamlit']}, pandas {m['pandas']}, Plotly {m['plotly']}.",
        "",
    ]
    # The analysis (why a budget is missed, what made the difference) is
    # written by hand in results_notes.md and kept on every rewrite.
    notes = BENCH / "results_notes.md"
    if notes.exists():
        head += [notes.read_text().strip(), ""]
    path = BENCH / "results.md"
    path.write_text("\n".join(head) + "\n" + "\n".join(section_md(r) for r in runs))
    return path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--outputs", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--reruns", type=int, default=7)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--rebuild", action="store_true", help="rebuild the synthetic database even if it exists")
    p.add_argument("--skip", action="append", default=[], choices=["naive", "ingest", "memory"])
    args = p.parse_args()
    result = run(args.outputs, args.seed, args.reruns, args.warmup, args.rebuild, set(args.skip))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"outputs-{args.outputs}.json").write_text(json.dumps(result, indent=1, default=str))
    print()
    print(section_md(result))
    print(f"wrote {write_results_md().relative_to(ROOT)}")


if __name__ == "__main__":
    main()
