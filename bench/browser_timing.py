"""What a reader waits for in a real browser: `streamlit run app.py` on the
synthetic database, each page opened in headless Chromium on localhost.

For every page, twice:
* cold: a new browser context (empty HTTP cache), the server already warm
  (one visit to the root first, as on a running service);
* warm: a second tab in the same context, so scripts and styles come from
  the browser cache.
The floor, served the same way: bench/floor_page.py (one title), seconds
until its title shows, cold and warm (median of 3).
Measured from navigation: when the first text placeholder ("Drawing the …")
shows, when the first chart is drawn (its HTML stand-in or Plotly's SVG,
whichever comes first), when Plotly's interactive chart is drawn, and what
the browser downloaded
(bytes on the wire, by kind, and the largest files).

    .venv/bin/python -m bench.browser_timing --db bench/work/synth-1000000.duckdb
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.memory import CHROMIUM, _free_port
from fivebarriers.config import ENV_DB, ROOT

# The first chart is drawn when either its HTML stand-in (charts/preview.py)
# or Plotly's own SVG is on the page; "interactive" waits for Plotly's.
CHART = '.fb-chart-preview, [data-testid="stPlotlyChart"] .main-svg'
INTERACTIVE = '[data-testid="stPlotlyChart"] .main-svg'
DRAWN_JS = f"() => [...document.querySelectorAll('{CHART}')].some(e => e.getBoundingClientRect().height > 0)"
PLACEHOLDER_JS = "() => document.body && document.body.innerText.includes('Drawing the')"
# Page url_path -> query string: the pages with a chart, and Sources without one.
PAGES = {
    "": "",
    "barriers": "?barrier=data-sharing",
    "places": "",
    "departments": "",
    "explorer": "",
    "sources": "",
}


@contextlib.contextmanager
def serve(
    db: Path, log: Path, script: Path = ROOT / "app.py", timeline: Path | None = None, cpus: str | None = None
) -> Iterator[str]:
    """The app on a free port; with `timeline`, under bench/timed_server.py,
    which writes there when each run starts and each line leaves the script;
    with `cpus` ("1"), held to those cores (`taskset -c`)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, ENV_DB: str(db.resolve())}
    if timeline is not None:
        from bench.timed_server import ENV_TIMELINE

        env[ENV_TIMELINE] = str(timeline)
    with log.open("w") as log_file:
        proc = subprocess.Popen(
            [
                *(["taskset", "-c", cpus] if cpus else []),
                sys.executable,
                "-m",
                "streamlit" if timeline is None else "bench.timed_server",
                "run",
                str(script),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except OSError:
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _visit(context, url: str, has_chart: bool, timeout_ms: float = 60_000) -> dict[str, Any]:
    page = context.new_page()
    downloads: list[dict[str, Any]] = []

    def finished(request) -> None:
        try:
            sizes = request.sizes()
        except Exception:  # the page closed first
            return
        downloads.append(
            {
                "url": request.url.split("?")[0].rsplit("/", 1)[-1][:60],
                "kind": request.resource_type,
                "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
            }
        )

    page.on("requestfinished", finished)
    out: dict[str, Any] = {}
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    if has_chart:
        with contextlib.suppress(Exception):
            page.wait_for_function(PLACEHOLDER_JS, timeout=timeout_ms, polling=20)
            out["placeholder_s"] = time.perf_counter() - started
        page.wait_for_function(DRAWN_JS, timeout=timeout_ms, polling=20)
        out["first_chart_s"] = time.perf_counter() - started
        page.wait_for_selector(INTERACTIVE, timeout=timeout_ms, state="attached")
        out["interactive_s"] = time.perf_counter() - started
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stMain\"]')",
        timeout=timeout_ms,
    )
    out["settled_s"] = time.perf_counter() - started
    page.wait_for_timeout(300)  # late requests (fonts, the map's JSON) finish
    page.close()
    by_kind: dict[str, int] = {}
    for d in downloads:
        by_kind[d["kind"]] = by_kind.get(d["kind"], 0) + d["bytes"]
    out["requests"] = len(downloads)
    out["bytes"] = sum(by_kind.values())
    out["bytes_by_kind"] = by_kind
    out["largest"] = sorted(downloads, key=lambda d: -d["bytes"])[:4]
    return out


def _floor_visit(context, url: str, timeout_ms: float = 60_000) -> float:
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.get_by_role("heading", name="Floor").wait_for(timeout=timeout_ms)
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def floor(browser, log: Path) -> dict[str, Any]:
    """The floor in a browser: bench/floor_page.py (one title) served the same
    way, seconds from navigation until its title shows, cold and warm, 3 times."""
    cold, warm = [], []
    with serve(ROOT / "data" / "fivebarriers.duckdb", log, ROOT / "bench" / "floor_page.py") as url:
        first = browser.new_context()
        _floor_visit(first, url)
        first.close()
        for _ in range(3):
            context = browser.new_context()
            cold.append(_floor_visit(context, url))
            warm.append(_floor_visit(context, url))
            context.close()
    return {"cold_s": sorted(cold)[1], "warm_s": sorted(warm)[1]}


def run(db: Path, log: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with serve(db, log) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        # Warm the server: imports, the connection and the first queries.
        warm = browser.new_context()
        _visit(warm, url + "/", has_chart=True)
        warm.close()
        for url_path, query in PAGES.items():
            has_chart = url_path != "sources"
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page_url = f"{url}/{url_path}{query}"
            try:
                cold = _visit(context, page_url, has_chart)
                warm_visit = _visit(context, page_url, has_chart)
            except Exception as exc:  # a page that never draws must not lose the whole run
                results[url_path or "overview"] = {"error": f"{type(exc).__name__}: {str(exc)[:120]}"}
                context.close()
                continue
            context.close()
            results[url_path or "overview"] = {"cold": cold, "warm": warm_visit}
        results["floor"] = floor(browser, log.with_name("browser-floor.log"))
        browser.close()
    return results


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    args = p.parse_args()
    log = ROOT / "bench" / "work" / "browser-timing.log"
    log.parent.mkdir(exist_ok=True)
    result = run(Path(args.db), log)
    for page, r in result.items():
        if page == "floor":
            print(f"floor (one title): {r['cold_s']:.2f} s cold, {r['warm_s']:.2f} s warm")
            continue
        for kind in ("cold", "warm"):
            v = r[kind]
            print(
                f"{page:12} {kind}: first chart {v.get('first_chart_s', float('nan')):.2f} s, "
                f"interactive {v.get('interactive_s', float('nan')):.2f} s, "
                f"placeholder {v.get('placeholder_s', float('nan')):.2f} s, settled {v['settled_s']:.2f} s, "
                f"{v['requests']} requests, {v['bytes'] / 2**20:.2f} MiB"
            )
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
