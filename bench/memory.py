"""Peak resident memory of the real app: `streamlit run app.py` on the
synthetic database, every page opened in headless Chromium (and each page
again with the filter values the AppTest runs chose), then VmHWM read from
/proc/PID/status of the server process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from fivebarriers.config import ENV_DB, ROOT

CHROMIUM = os.environ.get("FIVEBARRIERS_CHROMIUM", "/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(pid: int) -> dict[str, float]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            out[key] = int(value.split()[0]) / 1024
    return out


def _wait_for_app(page, timeout: float = 120_000) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stMain\"]')",
        timeout=timeout,
    )


def run(db: Path, visits: list[tuple[str, dict[str, str]]], log: Path) -> dict[str, Any]:
    """Open each (url_path, query params) in turn; return peak and final RSS in MiB."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, ENV_DB: str(db.resolve())}
    with log.open("w") as log_file:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
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
            idle = _status(proc.pid)
            from playwright.sync_api import sync_playwright

            timings = []
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                page = browser.new_page(viewport={"width": 1366, "height": 1200})
                for url_path, params in visits:
                    query = ("?" + urllib.parse.urlencode(params)) if params else ""
                    started = time.perf_counter()
                    page.goto(f"{url}/{url_path}{query}")
                    _wait_for_app(page)
                    timings.append({"url": f"/{url_path}{query}", "seconds": time.perf_counter() - started})
                browser.close()
            final = _status(proc.pid)
            return {
                "idle_rss_mib": idle.get("VmRSS"),
                "peak_rss_mib": final.get("VmHWM"),
                "final_rss_mib": final.get("VmRSS"),
                "visits": timings,
            }
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
