"""Benchmarks, side by side in one run, on one synthetic database:

    .venv/bin/python -m bench.run --outputs 1000000

(a) every registered page in AppTest beside the floor (a page that writes one
title): first load, rerun with nothing changed, filter change, slide move;
(b) its naive twin (bench/naive_pages/: whole `results` view in pandas,
plotly.express); (c) ingest of a valid 1,000,000-row outputs file; (d) peak
RSS of `streamlit run app.py` driven by Chromium; (e) in Chromium, time to
the first chart, cold and warm, and what each page downloads.
A part left out with --skip keeps the figures of the last run that had it
(marked with its date).
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

import duckdb

from fivebarriers.config import ROOT
from fivebarriers.data import synth
from fivebarriers.store import version
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
    if db.exists() and not rebuild and _current(db):
        return db, None
    log(f"building {db.name} …")
    started = time.perf_counter()
    synth.synth(db, outputs, seed=seed, progress=log)
    return db, time.perf_counter() - started


def _current(db: Path) -> bool:
    """Made with this release's schema (else it is made again)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return version.stored(con)[1] == version.fingerprint()
    finally:
        con.close()


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
    log("floor: a page that writes one title …")
    result["floor"] = page_run(["--script", "bench/floor_page.py", "--db", str(db), "--reruns", str(reruns)])
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
    if "loads" not in skip:
        from bench import load_budgets

        log("analysts' loads: 5 loads and undos of 100 rows, then 1,000,000 rows, a reader beside them …")
        result["loads"] = load_budgets.run(db, repeat=5)
    if "memory" not in skip:
        from bench import memory

        log(f"app memory: streamlit run + Chromium over {len(visits)} page views …")
        result["memory"] = memory.run(db, visits, WORK / f"streamlit-{outputs}.log")
    if "browser" not in skip:
        from bench import browser_timing

        log("browser: first chart, cold and warm, and downloads per page …")
        result["browser"] = browser_timing.run(db, WORK / f"browser-{outputs}.log")
    if "filters" not in skip:
        from bench import filter_headline

        log("browser: filter changes, from Enter to the new headline, per page …")
        result["filters"] = filter_headline.run(db, WORK / f"filters-{outputs}.log")
    result["machine"]["load_average_at_end"] = os.getloadavg()
    return result


CARRIED = ("ingest", "loads", "memory", "browser", "filters")


def carry_over(result: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    """Keep the last measured naive twins, ingest, memory and browser figures
    for the parts this run left out, marked with the run they came from."""
    path = RESULTS / f"outputs-{result['outputs']}.json"
    if not path.exists() or not skip:
        return result
    old = json.loads(path.read_text())
    when = old.get("measured_at", "the run of 24 Nov 2026")
    for part in CARRIED:
        if part in skip and part in old:
            result[part] = old[part]
            result.setdefault("carried", {})[part] = old.get("carried", {}).get(part, when)
    if "naive" in skip:
        twins = {row["page"]: row.get("naive") for row in old.get("pages", [])}
        for row in result["pages"]:
            if twins.get(row["page"]):
                row["naive"] = twins[row["page"]]
        result.setdefault("carried", {})["naive"] = old.get("carried", {}).get("naive", when)
    return result


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.0f} ms"


def _s(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:,.2f} s"


def summary_line(row: dict[str, Any]) -> str:
    fast, naive = row["fast"], row.get("naive") or {}
    return (
        f"{row['page']}: rerun {_ms(fast.get('cached_rerun_median_s'))}, "
        f"filter change {_ms(fast.get('rerun_median_s'))}, first {_s(fast.get('first_load_s'))}"
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


def _floor(result: dict[str, Any]) -> float | None:
    return (result.get("floor") or {}).get("cached_rerun_median_s")


def _times_floor(value: float | None, floor: float | None) -> str:
    return "–" if not value or not floor else f"{value / floor:,.0f}×"


def _naive_cell(naive: dict[str, Any]) -> str:
    if not naive:
        return "no twin"
    if "error" in naive:
        return naive["error"]
    if naive.get("exception") and naive.get("rerun_median_s") is None:
        return "failed: " + (
            "out of memory (10 GiB cap)" if "alloc" in naive["exception"][0] else naive["exception"][0][:60]
        )
    return _ms(naive.get("rerun_median_s"))


def table_md(result: dict[str, Any]) -> str:
    floor = _floor(result)
    floor_first = (result.get("floor") or {}).get("first_load_s")
    lines = [
        "| page | rerun, nothing changed | × floor | filter change (fresh) | first load | slide move "
        "| naive rerun | speed-up (filter change) | naive peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| *floor (one title)* | {_ms(floor)} | 1× | – | {_s(floor_first)} | – | – | – | – |",
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
        cached = fast.get("cached_rerun_median_s")
        naive_rss = f"{naive['peak_rss_mib']:,.0f} MiB" if naive.get("peak_rss_mib") else "–"
        lines.append(
            f"| {row['page']} | {_ms(cached)} | {_times_floor(cached, floor)} "
            f"| {_ms(fast.get('rerun_median_s'))}{note} | {_s(fast.get('first_load_s'))} "
            f"| {_ms(fast.get('slide_move_median_s'))} | {_naive_cell(naive)} "
            f"| {_speedup(fast.get('rerun_median_s'), naive) if naive else '–'} | {naive_rss} |"
        )
    return "\n".join(lines)


def browser_md(result: dict[str, Any]) -> str:
    pages = result.get("browser")
    if not pages:
        return ""
    lines = [
        "| page | first chart, cold | first chart, warm | interactive (Plotly), cold | interactive, warm "
        "| text placeholder (cold) | page settled (cold) "
        "| requests | downloaded, cold | downloaded, warm | largest files (cold) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page, r in pages.items():
        if page == "floor":
            continue
        if "error" in r:
            lines.append(f"| {page} | not measured: {r['error'][:80]} |" + " |" * 10)
            continue
        cold, warm = r["cold"], r["warm"]
        largest = ", ".join(f"{d['url']} {d['bytes'] / 2**20:.2f} MiB" for d in cold.get("largest", [])[:3])
        lines.append(
            f"| {page} | {_s(cold.get('first_chart_s'))} | {_s(warm.get('first_chart_s'))} "
            f"| {_s(cold.get('interactive_s'))} | {_s(warm.get('interactive_s'))} "
            f"| {_s(cold.get('placeholder_s'))} | {_s(cold.get('settled_s'))} | {cold['requests']} "
            f"| {cold['bytes'] / 2**20:.2f} MiB | {warm['bytes'] / 2**20:.2f} MiB | {largest} |"
        )
    overview = pages.get("overview", {})
    cold = overview.get("cold", {}).get("first_chart_s")
    warm = overview.get("warm", {}).get("first_chart_s")
    floor = pages.get("floor")
    if floor:
        lines += [
            "",
            f"The floor in the same run: a one-title Streamlit page (bench/floor_page.py) shows its title "
            f"{_s(floor['cold_s'])} cold, {_s(floor['warm_s'])} warm (median of 3).",
        ]
    lines += [
        "",
        f"Overview's first chart ≤ 2.0 s cold: {_verdict(cold, FIRST_CHART_COLD_S, True, 'ms', 1000)}; "
        f"≤ 1.0 s warm: {_verdict(warm, FIRST_CHART_WARM_S, True, 'ms', 1000)}.",
    ]
    return "\n".join(lines)


def section_md(result: dict[str, Any]) -> str:
    m = result["machine"]
    out = [f"## {result['outputs']:,} outputs (seed {result['seed']})", ""]
    build = result.get("synth_seconds")
    out.append(
        f"Synthetic database: {result['db_mib']:,.0f} MiB"
        + (f", built in {build:.1f} s in this run." if build else " (built before this run).")
        + (f" Measured {result['measured_at']}." if result.get("measured_at") else "")
    )
    carried = result.get("carried") or {}
    if carried:
        out.append(
            "Not measured again in this run, figures from an earlier run: "
            + "; ".join(f"{part} ({when})" for part, when in carried.items())
            + "."
        )
    out += ["", table_md(result), "", "Budgets (issues 8 and 17):", "", budgets_md(result), ""]
    browser = browser_md(result)
    if browser:
        out += ["In headless Chromium on localhost (bench/browser_timing.py):", "", browser, ""]
    if result.get("filters"):
        from bench import filter_headline

        out += [
            "Filter changes in headless Chromium, from the Enter that chooses to the new headline "
            "(bench/filter_headline.py, budget 100 ms):",
            "",
            filter_headline.table_md(result["filters"]),
            "",
        ]
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
    loads = result.get("loads")
    if loads:
        from bench import load_budgets

        out += [
            "",
            "Analysts' load budgets (issue 16; `bench/load_budgets.py`: each load and undo its own "
            "`fivebarriers` process, end to end):",
            "",
            "```",
            load_budgets.summary(loads),
            "```",
            "",
        ]
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


# Issue 8's budgets: first load at 10M; speed-up over the naive twin at 1M
# (5x) and 10M (20x); ingest rate; app memory at 10M. Issue 17's: a rerun
# with nothing changed ≤ 50 ms and ≤ 20× the floor, a filter change
# ≤ 100 ms with its queries, a slide move ≤ 50 ms, all at 10M; the
# Overview's first chart in Chromium ≤ 2 s cold and ≤ 1 s warm.
RERUN_BUDGET_S = 0.050
RERUN_FLOOR_FACTOR = 20
FILTER_CHANGE_BUDGET_S = 0.100
SLIDE_MOVE_BUDGET_S = 0.050
FIRST_LOAD_BUDGET_S = 1.0
FIRST_CHART_COLD_S = 2.0
FIRST_CHART_WARM_S = 1.0
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
    floor = _floor(result)
    lines = [
        f"| page | rerun ≤ 50 ms | rerun ≤ {RERUN_FLOOR_FACTOR}× floor | filter change ≤ 100 ms "
        "| first load ≤ 1 s | slide move ≤ 50 ms | speed-up vs naive |",
        "|---|---|---|---|---|---|---|",
    ]
    want = SPEEDUP_BUDGET.get(outputs)
    for row in result["pages"]:
        fast, naive = row["fast"], row.get("naive") or {}
        cached = fast.get("cached_rerun_median_s")
        change = fast.get("rerun_median_s")
        first = fast.get("first_load_s")
        if not naive:
            speed = "no twin"
        elif naive.get("rerun_median_s") and change:
            factor = naive["rerun_median_s"] / change
            speed = f"{factor:,.0f}× " + ("met" if want and factor >= want else f"(budget {want}×) missed")
        else:
            speed = "no ratio: the naive twin failed (" + _naive_failure(naive) + ")"
        floor_verdict = (
            _verdict(cached / floor, RERUN_FLOOR_FACTOR, True, "× the floor") if cached and floor else "–"
        )
        slide = fast.get("slide_move_median_s")
        lines.append(
            f"| {row['page']} | {_verdict(cached, RERUN_BUDGET_S, True, 'ms', 1000)} | {floor_verdict} "
            f"| {_verdict(change, FILTER_CHANGE_BUDGET_S, True, 'ms', 1000) if change else 'no filters'} "
            f"| {_verdict(first, FIRST_LOAD_BUDGET_S, True, 'ms', 1000)} "
            f"| {_verdict(slide, SLIDE_MOVE_BUDGET_S, True, 'ms', 1000) if slide else '–'} | {speed} |"
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
    parts = ["naive", "ingest", "loads", "memory", "browser", "filters"]
    p.add_argument("--skip", action="append", default=[], choices=parts, help="leave a part out")
    args = p.parse_args()
    result = run(args.outputs, args.seed, args.reruns, args.warmup, args.rebuild, set(args.skip))
    result["measured_at"] = time.strftime("%-d %b %Y %H:%M UTC", time.gmtime())
    RESULTS.mkdir(exist_ok=True)
    result = carry_over(result, set(args.skip))
    (RESULTS / f"outputs-{args.outputs}.json").write_text(json.dumps(result, indent=1, default=str))
    print()
    print(section_md(result))
    print(f"wrote {write_results_md().relative_to(ROOT)}")


if __name__ == "__main__":
    main()
