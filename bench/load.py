"""Many readers at once: app replicas on a DuckLake behind HAProxy, measured.

    python -m bench.load                      # 3 replicas + 20 readers for 60 s, then the file
    python -m bench.load --readers 3 --seconds 15 --no-write-md    # a quick try

Lake run: a throwaway Postgres (tests/pg_fixture.py) holds the catalog, the
lake is built from data/, three `streamlit run app.py` replicas read it, and
HAProxy from Debian's package (installed with apt when missing, as .ci/run
does for Chromium) balances them round robin with a cookie that keeps every
browser, and so its websocket, on one replica. Readers are headless Chromium
contexts (one browser, a context each, as separate people): each opens the
app through the balancer, visits every page from the sidebar, follows a
barrier link from the Overview (a filter in the URL) and picks a filter in
the Results explorer, again and again until the time is up. Meanwhile two
analysts load and undo batches of outputs with the product's own ingest and
undo (analyst A 101 rows a batch, analyst B 211, so a count tells which of
their batches are in). One watcher page per replica, connected to it
directly, reruns the Results explorer every half second and reads its count:
that gives the moment each replica showed each load and undo.

File run: the same readers, analysts and watcher on one app process and the
embedded DuckDB file (copy-and-swap loads), with no balancer.

Reported: page views, errors (exceptions on a page, views that never
finished, failed navigations; must be 0), p50/p95 view time, and per load or
undo the delay until each replica showed it. Results go to
bench/load_results.md unless --no-write-md."""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from fivebarriers.config import ENV_DATA_PATH, ENV_DB, ROOT
from fivebarriers.data import build, ingest, tables, templates
from fivebarriers.store import backend

RESULTS = ROOT / "bench" / "load_results.md"
CHROMIUM = os.environ.get("FIVEBARRIERS_CHROMIUM", "/usr/bin/chromium")
ROWS = {"A": 101, "B": 211}  # batch sizes: any count decodes to which batches are in
VIEW_TIMEOUT_MS = 120_000  # a view slower than this counts as an error
ARRIVAL_GAP_S = 1.5
# Each page's own heading, to know that an in-app navigation has finished.
PAGES = {
    "overview": "What place-based pilots achieved",
    "barriers": "The five barriers",
    "places": "Where the pilots ran",
    "departments": "Government departments",
    "explorer": "Results explorer",
    "sources": "Sources and method",
}
SIDEBAR = {
    "overview": "Overview",
    "barriers": "Barriers",
    "places": "Places",
    "departments": "Departments",
    "explorer": "Results explorer",
    "sources": "Sources & method",
}
READY_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSkeleton"]')"""


def load_avg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def ensure_haproxy() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "haproxy"], check=True, env=env)
    return shutil.which("haproxy") or "/usr/sbin/haproxy"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Balancer:
    """HAProxy in front of the replicas: round robin, a cookie keeps a browser
    (and so its websocket) on one replica; long tunnel timeout for websockets."""

    def __init__(self, ports: list[int], workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(
            f"    server r{i + 1} 127.0.0.1:{p} cookie r{i + 1} check inter 2s" for i, p in enumerate(ports)
        )
        config = workdir / "haproxy.cfg"
        config.write_text(
            f"""global
    maxconn 4096
defaults
    mode http
    timeout connect 5s
    timeout client 120s
    timeout server 120s
    timeout tunnel 1h
frontend app
    bind 127.0.0.1:{self.port}
    default_backend replicas
backend replicas
    balance roundrobin
    cookie FBREPLICA insert indirect nocache
    option httpchk GET /_stcore/health
{servers}
""",
            encoding="utf-8",
        )
        self.proc = subprocess.Popen([ensure_haproxy(), "-f", str(config)], stderr=subprocess.PIPE)
        time.sleep(1.0)
        if self.proc.poll() is not None:
            raise RuntimeError(f"haproxy exited: {self.proc.stderr.read().decode()[-500:]}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


# --- analysts ---------------------------------------------------------------------------


@dataclass
class Event:
    analyst: str
    action: str  # "load" or "undo"
    committed: float  # time.time() when ingest/undo returned
    state: int  # 1 when the analyst's batch is in after this event


def analyst_file(folder: Path, who: str, n: int) -> Path:
    path = folder / f"analyst-{who}-{n}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=tables.user_columns("outputs"))
        writer.writeheader()
        for i in range(ROWS[who]):
            writer.writerow({**templates.EXAMPLES["outputs"], "output_id": f"load-{who}-{n}-{i}"})
    return path


def _busy_retry(work, busy: list):
    """Run a load or undo; while the file's one writer is busy (the product
    says so and changes nothing), try again a moment later, as an analyst would."""
    while True:
        try:
            return work()
        except ingest.IngestError as exc:
            if "in progress" not in str(exc):
                raise
            busy.append(1)
            time.sleep(1.0)


def analyst(
    who: str, target: backend.Target, folder: Path, until: float, events: list, errors: list, busy: list
) -> None:
    """Load a batch, wait, undo it, wait, and again, until `until`."""
    n = 0
    rng = random.Random(who)
    time.sleep(3 if who == "A" else 6)
    while time.time() < until - 8:
        try:
            path = analyst_file(folder, who, n)
            result = _busy_retry(
                lambda p=path: ingest.ingest(p, "outputs", db=target, loaded_by=f"analyst {who}"), busy
            )
            if not result.loaded:
                errors.append(f"analyst {who}: load refused: {result.problems[:2]}")
                return
            events.append(Event(who, "load", time.time(), 1))
            time.sleep(rng.uniform(4, 7))
            batch = result.batch_id
            _busy_retry(lambda b=batch: ingest.undo(b, db=target, by=f"analyst {who}"), busy)
            events.append(Event(who, "undo", time.time(), 0))
            time.sleep(rng.uniform(4, 7))
        except Exception as exc:  # a failed load or undo is an error to report, not to hide
            errors.append(f"analyst {who}: {type(exc).__name__}: {exc}")
            time.sleep(2)
        n += 1


# --- browsers ---------------------------------------------------------------------------


@dataclass
class Tally:
    views: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replicas: dict[str, int] = field(default_factory=dict)


async def _settle(page, heading: str | None) -> None:
    if heading and heading.startswith("css="):
        await page.wait_for_selector(heading[4:], timeout=VIEW_TIMEOUT_MS)
    elif heading:
        await page.wait_for_function(
            "h => [...document.querySelectorAll('[data-testid=\"stMain\"] h1')]"
            ".some(e => e.innerText.startsWith(h))",
            arg=heading,
            timeout=VIEW_TIMEOUT_MS,
        )
    await page.wait_for_timeout(150)
    await page.wait_for_function(READY_JS, timeout=VIEW_TIMEOUT_MS)


async def _view(page, tally: Tally, what: str, action, heading: str | None) -> None:
    started = time.perf_counter()
    try:
        await action()
        await _settle(page, heading)
    except Exception as exc:
        tally.errors.append(f"{what}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
        return
    if await page.locator('[data-testid="stException"]').count():
        text = await page.locator('[data-testid="stException"]').first.inner_text()
        tally.errors.append(f"{what}: exception on the page: {text[:160]}")
        return
    tally.views.append(time.perf_counter() - started)


async def reader(browser, url: str, until: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    # People arrive over the first seconds, not in the same instant (20 cold
    # browsers at once only measures Chromium starting on a busy machine).
    await asyncio.sleep(seed * ARRIVAL_GAP_S)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(VIEW_TIMEOUT_MS)
    page = await context.new_page()
    try:
        while time.time() < until:
            await _view(
                page, tally, "open", lambda: page.goto(url + "/", wait_until="commit"), PAGES["overview"]
            )
            cookie = {c["name"]: c["value"] for c in await context.cookies()}.get("FBREPLICA", "one")
            tally.replicas[cookie] = tally.replicas.get(cookie, 0) + 1
            links = page.get_by_role("link", name="Evidence, advice and pilots for")
            if await links.count():
                link = links.nth(rng.randrange(await links.count()))
                await _view(page, tally, "barrier link", link.click, PAGES["barriers"])
            for path in ("places", "departments", "explorer", "sources", "overview"):
                if time.time() >= until:
                    return
                # The menu under the sidebar's search box (chrome.menu), not Streamlit's own.
                nav = page.locator(".st-key-fb_menu").get_by_role("link", name=SIDEBAR[path])
                await _view(page, tally, path, nav.first.click, PAGES[path])
                if path == "explorer":
                    await _view(page, tally, "explorer filter", lambda: _pick_filter(page, rng), None)
            await _view(
                page,
                tally,
                "present",
                lambda: page.goto(url + "/present", wait_until="commit"),
                "css=.fb-root .controls .where",  # the slideshow's counter (CSS pierces its shadow root)
            )
    finally:
        await context.close()


async def _pick_filter(page, rng: random.Random) -> None:
    # The explorer's filters are multiselects with a count beside each value (facets.url_multi).
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Barrier").first
    await box.click()
    options = page.get_by_role("option")
    await options.first.wait_for(timeout=VIEW_TIMEOUT_MS)
    await options.nth(rng.randrange(await options.count())).click()
    await page.keyboard.press("Escape")  # a multiselect's list stays open after a pick
    await page.wait_for_timeout(200)


COUNT = re.compile(r"(\d[\d,]*) outputs? match")


def probe_count(url: str, timeout: float = VIEW_TIMEOUT_MS / 1000) -> int | None:
    """One fresh session on one replica (no balancer): run the Results
    explorer and read its count, over Streamlit's own websocket protocol.
    Lighter than a browser page, so the watching does not crowd the readers."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, subprotocols=["streamlit"], origin=url, open_timeout=timeout) as ws:
        msg = BackMsg()
        msg.rerun_script.page_name = "explorer"
        ws.send(msg.SerializeToString())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            forward = ForwardMsg()
            forward.ParseFromString(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            found = COUNT.search(str(forward))
            if found:
                return int(found.group(1).replace(",", ""))
            # A first run may end early to run again (the page switch in views/ui.py): read on.
            if forward.WhichOneof("type") == "script_finished" and forward.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ):
                return None
    return None


def watcher(url: str, name: str, until: float, seen: list, errors: list) -> None:
    """Ask one replica for its count about once a second until `until`."""
    while time.time() < until:
        try:
            count = probe_count(url)
        except Exception as exc:
            errors.append(f"watcher {name}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
            count = None
        if count is not None:
            seen.append((time.time(), name, count))
        time.sleep(1.0)


async def drive(front: str, replicas: dict[str, str], readers: int, seconds: float) -> tuple:
    from playwright.async_api import async_playwright

    tally, seen, watch_errors = Tally(), [], []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        start = time.time()
        until = start + seconds
        watchers = [
            threading.Thread(target=watcher, args=(u, n, until + 20, seen, watch_errors), daemon=True)
            for n, u in replicas.items()
        ]
        for w in watchers:
            w.start()
        await asyncio.gather(*(reader(browser, front, until, i, tally) for i in range(readers)))
        for w in watchers:
            w.join()
        await browser.close()
    return tally, seen, watch_errors, start


# --- one scenario -----------------------------------------------------------------------


def app_process(target: backend.Target, workdir: Path, name: str):
    sys.path.insert(0, str(ROOT))
    from tests.conftest import AppServer

    env = {ENV_DB: target.url}
    if target.data_path:
        env[ENV_DATA_PATH] = target.data_path
    return AppServer(Path(target.url), env=env)


def shown_delays(events: list[Event], seen: list, base: int) -> dict[tuple, dict[str, float | None]]:
    """For each event, seconds from its commit until each replica's count
    first showed the analyst's new state (None: never seen before the next event)."""
    out: dict[tuple, dict[str, float | None]] = {}
    by_analyst = {w: [e for e in events if e.analyst == w] for w in ROWS}
    names = sorted({s[1] for s in seen})
    for who, mine in by_analyst.items():
        for i, event in enumerate(mine):
            ends = mine[i + 1].committed if i + 1 < len(mine) else float("inf")
            row = {}
            for name in names:
                hits = [
                    t for t, n, count in seen
                    if n == name and event.committed <= t < ends and _state(count - base, who) == event.state
                ]  # fmt: skip
                row[name] = (min(hits) - event.committed) if hits else None
            out[(who, i, event.action)] = row
    return out


def _state(extra: int, who: str) -> int | None:
    for a in (0, 1):
        for b in (0, 1):
            if a * ROWS["A"] + b * ROWS["B"] == extra:
                return a if who == "A" else b
    return None


def scenario(label: str, target: backend.Target, replicas: int, readers: int, seconds: float, workdir: Path):
    print(f"[{label}] building the data…", flush=True)
    build.build(target)
    base = ingest_count(target)
    servers = [app_process(target, workdir, f"r{i + 1}") for i in range(replicas)]
    balancer = Balancer([s.port for s in servers], workdir) if replicas > 1 else None
    front = balancer.url if balancer else servers[0].url
    names = {f"r{i + 1}": s.url for i, s in enumerate(servers)}
    events: list[Event] = []
    analyst_errors: list[str] = []
    busy: list[int] = []
    load_before = load_avg()
    try:
        # Warm each replica once (imports, caches) before the clock starts, as a deployment would.
        for s in servers:
            subprocess.run(
                [sys.executable, "-c", f"import urllib.request; urllib.request.urlopen('{s.url}/').read()"],
                check=False,
            )
        until = time.time() + seconds + 10  # the analysts stop with the readers (plus start-up)
        threads = [
            threading.Thread(target=analyst, args=(w, target, workdir, until, events, analyst_errors, busy))
            for w in ROWS
        ]
        for t in threads:
            t.start()
        print(f"[{label}] {readers} readers for {seconds:.0f} s through {front}…", flush=True)
        tally, seen, watch_errors, started = asyncio.run(drive(front, names, readers, seconds))
        for t in threads:
            t.join()
    finally:
        if balancer:
            balancer.stop()
        for s in servers:
            s.stop()
    return {
        "label": label,
        "replicas": replicas,
        "readers": readers,
        "seconds": seconds,
        "tally": tally,
        "events": events,
        "delays": shown_delays(events, seen, base),
        "errors": tally.errors + analyst_errors + watch_errors,
        "load_before": load_before,
        "load_after": load_avg(),
        "started": started,
        "busy": len(busy),
    }


def ingest_count(target: backend.Target) -> int:
    from fivebarriers.store.db import Database

    with Database(target) as db:
        # The figure the watchers read: the Results explorer's count with no filter.
        unfiltered = dict.fromkeys(("barrier", "place", "department", "programme", "kind", "status"))
        return int(db.query("explorer_count", **unfiltered).dicts()[0]["outputs"])


# --- report -----------------------------------------------------------------------------


def _pct(values: list[float], q: float) -> str:
    if not values:
        return "–"
    values = sorted(values)
    return f"{values[min(len(values) - 1, int(q * len(values)))]:.2f} s"


def report(runs: list[dict]) -> str:
    lines = [
        "# Many readers at once: replicas on DuckLake behind HAProxy, and the embedded file",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores shared with other "
        "work (load average given per run). Reproduce: `.venv/bin/python -m bench.load` "
        "(method in its docstring).",
        "",
        "| run | replicas | readers | seconds | page views | errors | p50 view | p95 view "
        "| load avg before → after |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        t = r["tally"]
        lines.append(
            f"| {r['label']} | {r['replicas']} | {r['readers']} | {r['seconds']:.0f} | {len(t.views):,} | "
            f"{len(r['errors'])} | {_pct(t.views, 0.5)} | {_pct(t.views, 0.95)} | "
            f"{r['load_before']} → {r['load_after']} |"
        )
    for r in runs:
        lines += ["", f"## {r['label']}: when each replica showed each load and undo", ""]
        sessions = ", ".join(f"{k}: {v}" for k, v in sorted(r["tally"].replicas.items()))
        lines += [
            f"Reader sessions per replica (balancer cookie): {sessions}. Loads and undos that found "
            f"the single writer busy and tried again a second later: {r['busy']}. Delays below: from "
            "the commit until a fresh session on that replica (no balancer) showed the new count.",
            "",
        ]
        names = sorted({n for d in r["delays"].values() for n in d})
        lines += ["| analyst | # | action | committed (s after start) | " + " | ".join(names) + " |"]
        lines += ["|---|---|---|---|" + "---|" * len(names)]
        by_key = {
            (e.analyst, i, e.action): e
            for w in ROWS
            for i, e in enumerate(x for x in r["events"] if x.analyst == w)
        }
        for key, row in sorted(r["delays"].items(), key=lambda kv: by_key[kv[0]].committed):
            at = by_key[key].committed - r["started"]
            cells = " | ".join("not seen" if row[n] is None else f"+{row[n]:.1f} s" for n in names)
            lines.append(f"| {key[0]} | {key[1] + 1} | {key[2]} | {at:.1f} | {cells} |")
        if r["errors"]:
            lines += ["", "Errors:", ""] + [f"- {e}" for e in r["errors"][:20]]
    return "\n".join(lines) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--readers", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--replicas", type=int, default=3)
    p.add_argument("--only", choices=["lake", "file"])
    p.add_argument("--no-write-md", action="store_true")
    args = p.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.pg_fixture import postgres

    ensure_haproxy()
    runs = []
    with tempfile.TemporaryDirectory(prefix="fivebarriers-load-") as tmp:
        workdir = Path(tmp)
        if args.only != "file":
            with postgres() as pg:
                runs.append(
                    scenario("DuckLake", pg.lake("load"), args.replicas, args.readers, args.seconds, workdir)
                )
        if args.only != "lake":
            target = backend.Target(str(workdir / "fivebarriers.duckdb"))
            runs.append(scenario("Embedded file", target, 1, args.readers, args.seconds, workdir))
    text = report(runs)
    print(text)
    if not args.no_write_md:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    if any(r["errors"] for r in runs):
        sys.exit(1)


if __name__ == "__main__":
    main()
