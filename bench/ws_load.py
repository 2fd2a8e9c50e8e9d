"""Readers as raw websocket clients, the security review's load method
(2026-12-06, "Load and fault figures"), and the Overview while anonymous
visitors check a file (its finding 6).

    python -m bench.ws_load readers --readers 20 --seconds 60 [--writer]
    python -m bench.ws_load checks --checks 12 --workbook /tmp/empty_cells.xlsx --seconds 90
    ... --code /some/checkout      # the app from another checkout (a before/after pair)

Each reader is its own Streamlit session on one `streamlit run app.py`
(loopback only), looping over a rerun of the Overview, a place, the Results
explorer with 0-2 filters from the URL, a barrier or a search, 1-3 s apart.
A view is the time from sending the rerun to Streamlit's "script finished";
an error is no "finished" within 60 s or a dropped connection. With
--writer, an analyst meanwhile loads 2,000-row files with `fivebarriers
ingest` and undoes every second one, at most --loads times.

`checks` opens the Add data page (no upload password: loading switched off)
in --checks Chromium tabs, gives each the workbook to check, and meanwhile
opens a fresh session on the Overview once a second; the same probes with no
check first give the baseline. Every figure is printed with the load average
(the machine may be shared)."""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from fivebarriers.config import ENV_DB, ROOT
from fivebarriers.data import build, tables, templates

CHROMIUM = os.environ.get("FIVEBARRIERS_CHROMIUM", "/usr/bin/chromium")
VIEW_TIMEOUT_S = 60
BATCH_ROWS = 2_000


def load_avg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class Server:
    """`streamlit run app.py` of `code` (a checkout) on a free loopback port."""

    def __init__(self, code: Path, db: Path, log: Path):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, ENV_DB: str(db), "PYTHONPATH": str(code)}
        env.pop("FIVEBARRIERS_UPLOAD_PASSWORD_HASH", None)  # loading off: anyone may check a file
        self._log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
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
        if forward.WhichOneof("type") == "script_finished":
            return time.perf_counter() - started


def fresh_view(url: str, page: str, query: str = "") -> float:
    """A new visitor: a new session, its first view."""
    with connect(
        url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], origin=url
    ) as ws:
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
    url: str, views: list[tuple[str, str]], until: float, seed: int, times: list, errors: list
) -> None:
    rng = random.Random(seed)
    try:
        with connect(
            url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], origin=url
        ) as ws:
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


def writer(code: Path, db: Path, folder: Path, loads: int, until: float, out: list) -> None:
    env = {**os.environ, "PYTHONPATH": str(code)}
    cli = [sys.executable, "-m", "fivebarriers"]
    for n in range(loads):
        if time.monotonic() > until:
            return
        started = time.perf_counter()
        done = subprocess.run(
            [*cli, "ingest", str(batch_file(folder / f"b{n}.csv", n)), "--db", str(db), "--by", "bench"],
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


def summary(times: list[float]) -> str:
    if not times:
        return "no views"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"{len(times)} views, p50 {statistics.median(times):.2f} s, p95 {p95:.2f} s, "
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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["readers", "checks"])
    p.add_argument("--code", type=Path, default=ROOT, help="the checkout whose app to run")
    p.add_argument("--readers", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--writer", action="store_true")
    p.add_argument("--loads", type=int, default=20)
    p.add_argument("--checks", type=int, default=12)
    p.add_argument("--workbook", type=Path)
    args = p.parse_args()
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
