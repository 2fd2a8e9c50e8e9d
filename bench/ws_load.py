"""Readers as raw websocket clients, the security review's load method
(2026-12-06, "Load and fault figures"), and the Overview while anonymous
visitors check a file (its finding 6).

    python -m bench.ws_load readers --readers 20 --seconds 60 [--writer]
    python -m bench.ws_load checks --checks 12 --workbook /tmp/empty_cells.xlsx --seconds 90
    python -m bench.ws_load capacity --outputs 1000000 [--lake]
    ... --code /some/checkout      # the app from another checkout (a before/after pair)

Each reader is its own Streamlit session on one `streamlit run app.py`
(loopback only), looping over a rerun of the Overview, a place, the Results
explorer with 0-2 filters from the URL, a barrier or a search, 1-3 s apart.
A view is the time from sending the rerun to Streamlit's "script finished";
an error is no "finished" within 60 s or a dropped connection. With
--writer, an analyst meanwhile loads 2,000-row files with `fivebarriers
ingest` and undoes every second one, at most --loads times.

`capacity` answers "how many readers does one replica on one core serve?".
One `streamlit run app.py` on a synthetic database (`fivebarriers synth`,
--outputs; built once under bench/work/) is pinned to one core (`taskset -c
0`) and this process, its readers, the analyst and Postgres to the other
(--server-cpu, --client-cpu). Every link the readers follow is opened once
first (the data cache warm, as on a server that has been up a while), then
1, 2, 4, 6, 8 ... readers (--steps) run for --seconds each, until p95 passes
1 s or a view fails. Each step prints readers, views a second, p50, p95,
errors, the server's CPU (from /proc) and this process's (so a saturated
client shows). Three sweeps, each on a fresh server: the app, the app while
an analyst loads and undoes (the writer above, niced, with rows copied from
the synthetic data), and the floor: the same readers on a page that only
writes a title (bench/floor_page.py), what Streamlit costs before any page
does anything. With --lake the database is a throwaway DuckLake on Postgres
(tests/pg_fixture.py) instead of the file. Results also go to
bench/results/capacity-<file|lake>-<outputs>.json.

`checks` opens the Add data page (no upload password: loading switched off)
in --checks Chromium tabs, gives each the workbook to check, and meanwhile
opens a fresh session on the Overview once a second; the same probes with no
check first give the baseline. Every figure is printed with the load average
(the machine may be shared)."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from fivebarriers.config import ENV_DATA_PATH, ENV_DB, ROOT
from fivebarriers.data import build, tables, templates

CHROMIUM = os.environ.get("FIVEBARRIERS_CHROMIUM", "/usr/bin/chromium")
VIEW_TIMEOUT_S = 60
BATCH_ROWS = 2_000


def load_avg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class Server:
    """`streamlit run app.py` (or `script`) of `code` (a checkout) on a free
    loopback port; on the cores `cpus` (taskset's list) when given."""

    def __init__(
        self,
        code: Path,
        db: Path | str,
        log: Path,
        *,
        script: str = "app.py",
        cpus: str | None = None,
        env: dict[str, str] | None = None,
    ):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, ENV_DB: str(db), "PYTHONPATH": str(code), **(env or {})}
        env.pop("FIVEBARRIERS_UPLOAD_PASSWORD_HASH", None)  # loading off: anyone may check a file
        pinned = ["taskset", "-c", cpus] if cpus else []  # taskset execs: the pid is streamlit's
        self._log = log.open("w")
        self.proc = subprocess.Popen(
            [*pinned, sys.executable, "-m", "streamlit", "run", script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=code, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the app did not start; see {log}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._log.close()


def run_finished(forward: ForwardMsg) -> bool:
    """True for the "script finished" that ends a page's run. A run Streamlit cut
    short for another (a new session's page runs twice on a busy server) is not
    it: the page's elements come in the run after."""
    return (
        forward.WhichOneof("type") == "script_finished"
        and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
    )


def view(ws, page: str, query: str = "") -> float:
    """One rerun of `page` with `query` in this session; seconds to "script finished"."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    started = time.perf_counter()
    ws.send(msg.SerializeToString())
    deadline = started + VIEW_TIMEOUT_S
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(ws.recv(timeout=max(0.1, deadline - time.perf_counter())))
        if run_finished(forward):
            return time.perf_counter() - started


def session(url: str):
    """A new Streamlit session: the websocket a browser's tab opens. No client
    pings (a browser sends none; a busy server answering them late would count
    as a dropped connection), and as long to open as a view may take."""
    return connect(
        url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit"],
        origin=url,
        open_timeout=VIEW_TIMEOUT_S,
        ping_interval=None,
    )


def fresh_view(url: str, page: str, query: str = "") -> float:
    """A new visitor: a new session, its first view."""
    with session(url) as ws:
        return view(ws, page, query)


def reader_views(db: Path) -> list[tuple[str, str]]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        places = [r[0] for r in con.execute("select place_id from places").fetchall()]
        barriers = [r[0] for r in con.execute("select barrier_id from barriers").fetchall()]
    finally:
        con.close()
    out = [("overview", "")]
    out += [("places", f"place={p}") for p in places[:20]]
    out += [("barriers", f"barrier={b}") for b in barriers]
    out += [("explorer", ""), ("explorer", "kind=achieved"), ("explorer", "status=reported&kind=expected")]
    out += [("explorer", f"barrier={b}") for b in barriers]
    out += [("search", f"q={w}") for w in ("data sharing", "liverpool", "hub", "funding")]
    return out


def reader(
    url: str,
    views: list[tuple[str, str]],
    until: float,
    seed: int,
    times: list,
    errors: list,
    delay: float = 0.0,
) -> None:
    """A reader's session: a view, 1-3 s of reading, the next, until `until`
    (views started before it count); `delay` s before its first."""
    rng = random.Random(seed)
    time.sleep(delay)
    try:
        with session(url) as ws:
            while time.monotonic() < until:
                page, query = rng.choice(views)
                try:
                    times.append(view(ws, page, query))
                except TimeoutError:
                    errors.append(f"{page}?{query}: no finish in {VIEW_TIMEOUT_S} s")
                    return
                time.sleep(rng.uniform(1, 3))
    except Exception as exc:  # a dropped connection is an error of the run, not of the bench
        errors.append(f"{type(exc).__name__}: {exc}")


def batch_file(path: Path, n: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=tables.user_columns("outputs"))
        writer.writeheader()
        for i in range(BATCH_ROWS):
            writer.writerow({**templates.EXAMPLES["outputs"], "output_id": f"bench-{n}-{i}"})
    return path


def writer(
    code: Path,
    db: Path | str,
    folder: Path,
    loads: int,
    until: float,
    out: list,
    *,
    make_batch: Callable[[Path, int], Path] = batch_file,
    env: dict[str, str] | None = None,
    nice: int = 0,
    gap: float = 0.0,
) -> None:
    """An analyst: loads `loads` files one after another, `gap` s apart (every
    second one undone) until `until`; (kind, seconds, exit code) of each go to `out`."""
    env = {**os.environ, "PYTHONPATH": str(code), **(env or {})}
    cli = [*(["nice", "-n", str(nice)] if nice else []), sys.executable, "-m", "fivebarriers"]
    for n in range(loads):
        if time.monotonic() > until:
            return
        started = time.perf_counter()
        done = subprocess.run(
            [*cli, "ingest", str(make_batch(folder / f"b{n}.csv", n)), "--db", str(db), "--by", "bench"],
            cwd=code, env=env, capture_output=True, text=True,
        )  # fmt: skip
        out.append(("ingest", time.perf_counter() - started, done.returncode))
        batch = re.search(r"as batch (\S+?);", done.stdout)
        if n % 2 and batch:
            started = time.perf_counter()
            undone = subprocess.run(
                [*cli, "undo", batch.group(1), "--db", str(db)],
                cwd=code,
                env=env,
                capture_output=True,
                text=True,
            )
            out.append(("undo", time.perf_counter() - started, undone.returncode))
        time.sleep(max(0.0, min(gap, until - time.monotonic())))


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else float("nan")


def summary(times: list[float]) -> str:
    if not times:
        return "no views"
    return (
        f"{len(times)} views, p50 {statistics.median(times):.2f} s, p95 {p95(times):.2f} s, "
        f"max {max(times):.2f} s, over 2 s {sum(t > 2 for t in times)}"
    )


def run_readers(args, server: Server, db: Path, folder: Path) -> None:
    views = reader_views(db)
    fresh_view(server.url, "overview")  # warm the caches, as a visitor before the run would
    until = time.monotonic() + args.seconds
    times: list[float] = []
    errors: list[str] = []
    writes: list = []
    threads = [
        threading.Thread(target=reader, args=(server.url, views, until, i, times, errors))
        for i in range(args.readers)
    ]
    if args.writer:
        threads.append(
            threading.Thread(target=writer, args=(args.code, db, folder, args.loads, until, writes))
        )
    before = load_avg()
    for t in threads:
        t.start()
        time.sleep(0.1)
    for t in threads:
        t.join()
    who = f"{args.readers} readers" + (" + writer" if args.writer else "")
    print(f"{who}, {args.seconds:.0f} s: {summary(times)}; errors {len(errors)}; "
          f"load average {before} -> {load_avg()}")  # fmt: skip
    for kind in ("ingest", "undo"):
        took = [s for k, s, _ in writes if k == kind]
        if took:
            failed = sum(1 for k, _, rc in writes if k == kind and rc)
            print(f"  {kind}: {len(took)}, median {statistics.median(took):.2f} s, failed {failed}")
    for e in errors[:5]:
        print("  error:", e)


def probe_overview(url: str, seconds: float) -> list[float]:
    times, until = [], time.monotonic() + seconds
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            times.append(fresh_view(url, "overview"))
        except Exception as exc:
            print("  probe error:", type(exc).__name__, exc)
        time.sleep(max(0.0, 1 - (time.monotonic() - started)))
    return times


# What the Add data page shows once a check has answered (a problem, none, or "busy").
ANSWERED = re.compile(r"problems? in |No problems|busy checking")


def anonymous_checks(
    url: str, workbook: Path, n: int, wait: float, started: threading.Event, done: list
) -> None:
    """`n` tabs on the Add data page, each given `workbook` to check; the seconds
    until each shows its answer (within `wait`) go to `done`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            pages = []
            for _ in range(n):
                page = browser.new_page()
                page.goto(f"{url}/upload", timeout=120_000)
                page.wait_for_selector('[data-testid="stFileUploader"]', timeout=120_000)
                pages.append(page)
            began = time.monotonic()
            for page in pages:
                uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]').first
                uploader.set_input_files(str(workbook), timeout=120_000)
            started.set()
            pending = list(pages)
            while pending and time.monotonic() < began + wait:
                for page in list(pending):
                    if page.get_by_text(ANSWERED).count():
                        done.append(time.monotonic() - began)
                        pending.remove(page)
                pages[0].wait_for_timeout(1000)
        finally:
            started.set()
            browser.close()


def run_checks(args, server: Server) -> None:
    fresh_view(server.url, "overview")  # warm the caches, as a visitor before the run would
    before = load_avg()
    quiet = probe_overview(server.url, args.seconds / 2)
    print(f"Overview, no checks: {summary(quiet)}; load average {before} -> {load_avg()}")
    started, done = threading.Event(), []
    checks = threading.Thread(
        target=anonymous_checks, args=(server.url, args.workbook, args.checks, args.seconds, started, done)
    )
    checks.start()
    started.wait()
    before = load_avg()
    busy = probe_overview(server.url, args.seconds)
    print(
        f"Overview, {args.checks} anonymous checks of {args.workbook.name}: {summary(busy)}; "
        f"load average {before} -> {load_avg()}"
    )
    checks.join()
    answered = ", ".join(f"{t:.0f}" for t in sorted(done)) or "none"
    print(
        f"  checks answered within {args.seconds:.0f} s of the uploads: {len(done)} of {args.checks} "
        f"({answered} s)"
    )


# --- capacity: readers per core -----------------------------------------------------------

P95_BUDGET_S = 1.0
STEPS = "1,2,4,6,8,10,12,16,24,32,48,64"
WORK = ROOT / "bench" / "work"
FLOOR = "bench/floor_page.py"  # the one-title page (bench/README.md)
RESULTS = ROOT / "bench" / "results"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def core_ticks(core: int) -> tuple[int, int]:
    """(busy, total) clock ticks of one core since boot, every process's, from /proc/stat."""
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith(f"cpu{core} "):
            ticks = [int(x) for x in line.split()[1:9]]
            return sum(ticks) - ticks[3] - ticks[4], sum(ticks)  # less idle and iowait
    raise ValueError(f"no core {core} in /proc/stat")


def own_cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def synth_batches(db: Path, folder: Path) -> Callable[[Path, int], Path]:
    """Batches of BATCH_ROWS valid outputs for a synthetic database: its own
    rows (bench/ingest_bench.py) under ids no other batch of this run takes."""
    from bench.ingest_bench import write_sample

    with write_sample(db, BATCH_ROWS, folder / "sample.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    used = [0]
    # The sample has no evidence columns, which a reported result needs: the template's.
    evidence = {k: templates.EXAMPLES["outputs"][k] for k in ("evidence_strength", "evidence_basis")}

    def make(path: Path, _n: int) -> Path:
        used[0] += 1
        with path.open("w", newline="", encoding="utf-8") as f:
            out = csv.DictWriter(f, fieldnames=[*rows[0], *evidence])
            out.writeheader()
            for i, row in enumerate(rows):
                out.writerow({**row, **evidence, "output_id": f"bench-{used[0]}-{i}"})
        return path

    return make


def sweep_step(
    server: Server, views: list[tuple[str, str]], readers: int, seconds: float, analyst=None
) -> dict:
    """`readers` sessions for `seconds` (each starts within the first 2 s);
    with `analyst`, a writer (a callable taking `until` and a list) beside them."""
    start = time.monotonic()
    until = start + seconds
    times: list[float] = []
    errors: list[str] = []
    writes: list = []
    rng = random.Random(readers)
    threads = [
        threading.Thread(
            target=reader,
            args=(server.url, views, until, readers * 1000 + i, times, errors),
            kwargs={"delay": rng.uniform(0, 2)},
        )
        for i in range(readers)
    ]
    if analyst:
        threads.append(threading.Thread(target=analyst, args=(until, writes)))
    server_cpu, client_cpu = cpu_seconds(server.proc.pid), own_cpu_seconds()
    core = next(iter(os.sched_getaffinity(server.proc.pid)))
    busy, total = core_ticks(core)
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    busy_after, total_after = core_ticks(core)
    return {
        "readers": readers,
        "views": len(times),
        "views_per_s": len(times) / seconds,
        "p50_s": statistics.median(times) if times else None,
        "p95_s": p95(times) if times else None,
        "max_s": max(times) if times else None,
        "errors": len(errors),
        "first_error": errors[0][:200] if errors else "",
        "server_cpu_pct": 100 * (cpu_seconds(server.proc.pid) - server_cpu) / wall,
        "client_cpu_pct": 100 * (own_cpu_seconds() - client_cpu) / wall,
        # The server's core, all processes: the server's share below 100% with this near it
        # means other work on the machine took the rest.
        "core_busy_pct": 100 * (busy_after - busy) / max(1, total_after - total),
        "loads": sum(1 for k, _, rc in writes if k == "ingest" and not rc),
        "undos": sum(1 for k, _, rc in writes if k == "undo" and not rc),
        "writes_failed": sum(1 for _, _, rc in writes if rc),
        "load_seconds": statistics.median([s for k, s, _ in writes if k == "ingest"] or [0.0]),
        "load_average": load_avg(),
    }


def within_budget(step: dict) -> bool:
    return step["views"] > 0 and not step["errors"] and step["p95_s"] <= P95_BUDGET_S


def step_line(name: str, r: dict) -> str:
    if not r["views"]:
        timing = "no views"
    else:
        timing = f"p50 {r['p50_s']:.2f} s, p95 {r['p95_s']:.2f} s"
    line = (
        f"{name:<14} {r['readers']:>3} readers: {r['views_per_s']:5.1f} views/s, {timing}, "
        f"errors {r['errors']}; server CPU {r['server_cpu_pct']:3.0f}% "
        f"(its core {r['core_busy_pct']:3.0f}% busy), client CPU {r['client_cpu_pct']:3.0f}%; "
        f"load average {r['load_average']}"
    )
    if r["loads"] or r["writes_failed"]:
        line += f"; loads {r['loads']}, undos {r['undos']}, failed {r['writes_failed']}"
    if r["first_error"]:
        line += f"\n    first error: {r['first_error']}"
    return line


def sweep(name: str, server: Server, views: list, steps: list[int], seconds: float, analyst=None) -> list:
    """Warm every link once, then the steps until one is over budget."""
    warmed = time.perf_counter()
    with session(server.url) as ws:
        for page, query in views:
            view(ws, page, query)
    print(f"{name}: {len(views)} links opened once in {time.perf_counter() - warmed:.1f} s", flush=True)
    results = []
    for readers in steps:
        results.append(sweep_step(server, views, readers, seconds, analyst))
        print(step_line(name, results[-1]), flush=True)
        if not within_budget(results[-1]):
            break
    return results


def largest(results: list[dict], steps: list[int]) -> str:
    ok = [r["readers"] for r in results if within_budget(r)]
    if not ok:
        return "none"
    return f"{max(ok)}" + ("+" if max(ok) == steps[-1] else "")


def run_capacity(args) -> None:
    """The three sweeps on one replica pinned to one core (module docstring)."""
    from fivebarriers.data import synth

    steps = [int(n) for n in args.steps.split(",")]
    WORK.mkdir(parents=True, exist_ok=True)
    source = WORK / f"synth-{args.outputs}.duckdb"
    if not source.exists():
        started = time.perf_counter()
        synth.synth(source, args.outputs)
        print(f"synth {args.outputs:,} outputs: {time.perf_counter() - started:.1f} s", flush=True)
    # This process, its readers and the analyst (and Postgres, started below) on the other core.
    os.sched_setaffinity(0, {args.client_cpu})
    backend_name = "lake" if args.lake else "file"
    print(
        f"{backend_name}, {args.outputs:,} outputs; replica on core {args.server_cpu}, readers on core "
        f"{args.client_cpu}; {args.seconds:.0f} s a step; p95 budget {P95_BUDGET_S:.0f} s; "
        f"load average {load_avg()}",
        flush=True,
    )
    folder = Path(tempfile.mkdtemp(prefix="fivebarriers-capacity-"))
    report: dict = {
        "backend": backend_name,
        "outputs": args.outputs,
        "seconds_a_step": args.seconds,
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_at_start": load_avg(),
        "sweeps": {},
    }
    pin = str(args.server_cpu)
    analyst_name = "app + analyst" + (f" (a load every {args.load_gap:.0f} s)" if args.load_gap else "")
    plan = [("app", "app", "app.py"), ("writer", analyst_name, "app.py"), ("floor", "floor", FLOOR)]
    only = set(args.only.split(",")) if args.only else {key for key, _, _ in plan}
    try:
        with databases(args, source, folder) as (fresh, env):
            views = reader_views(source)
            make_batch = synth_batches(source, folder)
            for key, name, script in [step for step in plan if step[0] in only]:
                target = fresh()
                analyst = None
                if key == "writer":

                    def analyst(until: float, out: list, target: str = target) -> None:
                        writer(
                            args.code,
                            target,
                            folder,
                            10_000,
                            until,
                            out,
                            make_batch=make_batch,
                            env=env,
                            nice=10,
                            gap=args.load_gap,
                        )

                server = Server(args.code, target, folder / f"{key}.log", script=script, cpus=pin, env=env)
                try:
                    links = views if script == "app.py" else [("", "")]
                    report["sweeps"][name] = sweep(name, server, links, steps, args.seconds, analyst)
                finally:
                    server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report["load_average_at_end"] = load_avg()
    print(f"\nlargest reader count with p95 <= {P95_BUDGET_S:.0f} s and no error (one replica, one core):")
    for name, results in report["sweeps"].items():
        report.setdefault("answer", {})[name] = largest(results, steps)
        print(f"  {name:<14} {largest(results, steps)}")
    print(capacity_table(report))
    RESULTS.mkdir(exist_ok=True)
    part = (f"-{args.only.replace(',', '-')}" if args.only else "") + (
        f"-gap{args.load_gap:.0f}" if args.load_gap else ""
    )
    out = RESULTS / f"capacity-{backend_name}-{args.outputs}{part}.json"
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


def capacity_table(report: dict) -> str:
    """The sweeps side by side: p95 (views a second, server CPU) per reader count."""
    names = list(report["sweeps"])
    by = {n: {r["readers"]: r for r in report["sweeps"][n]} for n in names}
    counts = sorted({c for n in names for c in by[n]})

    def cell(r: dict | None) -> str:
        if r is None:
            return "–"
        p = "no views" if r["p95_s"] is None else f"{r['p95_s']:.2f} s"
        err = f", {r['errors']} errors" if r["errors"] else ""
        return f"{p} ({r['views_per_s']:.1f}/s, CPU {r['server_cpu_pct']:.0f}%{err})"

    lines = ["", "| readers | " + " | ".join(f"{n}: p95 (views/s, server CPU)" for n in names) + " |"]
    lines.append("|---:|" + "---|" * len(names))
    for c in counts:
        lines.append(f"| {c} | " + " | ".join(cell(by[n].get(c)) for n in names) + " |")
    return "\n".join(lines)


@contextlib.contextmanager
def databases(args, source: Path, folder: Path) -> Iterator[tuple[Callable[[], str], dict[str, str]]]:
    """What each sweep's server reads: a fresh copy of the synthetic file each
    time (the analyst's loads change it), or one lake on a throwaway Postgres,
    migrated from that file. Yields (a callable giving the next one, env)."""
    if not args.lake:
        copies = iter(range(1, 1000))

        def copy() -> str:
            db = folder / f"copy{next(copies)}" / "fivebarriers.duckdb"
            db.parent.mkdir()
            shutil.copyfile(source, db)
            return str(db)

        yield copy, {}
        return
    sys.path.insert(0, str(ROOT))
    from fivebarriers.data import migrate
    from tests.pg_fixture import postgres

    with postgres() as cluster:
        lake = cluster.lake("capacity")
        started = time.perf_counter()
        migrate.migrate(source, lake)
        print(f"lake: migrated in {time.perf_counter() - started:.1f} s", flush=True)
        yield (lambda: lake.url), {ENV_DATA_PATH: lake.data_path or ""}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["readers", "checks", "capacity"])
    p.add_argument("--code", type=Path, default=ROOT, help="the checkout whose app to run")
    p.add_argument("--readers", type=int, default=20)
    p.add_argument("--seconds", type=float, help="the run, default 60 (capacity: each step, default 20)")
    p.add_argument("--writer", action="store_true")
    p.add_argument("--loads", type=int, default=20)
    p.add_argument("--checks", type=int, default=12)
    p.add_argument("--workbook", type=Path)
    p.add_argument("--outputs", type=int, default=1_000_000, help="capacity: synthetic outputs")
    p.add_argument("--steps", default=STEPS, help="capacity: reader counts, in order")
    p.add_argument("--lake", action="store_true", help="capacity: on a DuckLake, not the file")
    p.add_argument("--only", help="capacity: some of app,writer,floor")
    p.add_argument("--load-gap", type=float, default=0, help="capacity: seconds between the analyst's loads")
    p.add_argument("--server-cpu", type=int, default=0)
    p.add_argument("--client-cpu", type=int, default=1)
    args = p.parse_args()
    if args.mode == "capacity":
        args.seconds = args.seconds or 20
        run_capacity(args)
        return
    args.seconds = args.seconds or 60
    folder = Path(tempfile.mkdtemp(prefix="fivebarriers-wsload-"))
    db = folder / "fivebarriers.duckdb"
    build.build(db)
    server = Server(args.code, db, folder / "streamlit.log")
    try:
        if args.mode == "readers":
            run_readers(args, server, db, folder)
        else:
            run_checks(args, server)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
