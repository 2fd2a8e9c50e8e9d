"""Shared fixtures: a database built from data/ into a temporary folder, the
real app served by `streamlit run` on a free port, and headless Chromium.

Browser tests always run. If Chromium or Playwright is missing they fail
with the reason; they are never skipped."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from fivebarriers.config import ENV_DB, ROOT
from fivebarriers.data import build
from fivebarriers.store import filewrite
from fivebarriers.store.target import NO_FETCH, sql_literal


def _scan_components_once() -> None:
    """Each new AppTest scans every installed package's metadata for Streamlit
    components on its first run (0.3 s, most of a page's first run); the
    suite makes hundreds of AppTests, and the installed packages do not
    change while it runs, so one scan per test process serves them all."""
    from streamlit.components.v2 import manifest_scanner

    scanned = functools.cache(manifest_scanner.scan_component_manifests)
    manifest_scanner.scan_component_manifests = lambda max_workers=None: scanned()


_scan_components_once()


def _compile_page_scripts_once() -> None:
    """AppTest makes a new ScriptCache for every run, so each run reads,
    rewrites ("magic") and compiles its page script again; a running server
    keeps one cache for its lifetime. The page files do not change while the
    suite runs, so one cache per test process serves every AppTest, as
    bench/server_like.py does for the benchmarks."""
    from bench.server_like import keep_compiled_scripts

    keep_compiled_scripts()


_compile_page_scripts_once()

# Debian's chromium-headless-shell when installed: the same engine without the
# browser's own windows, and less CPU per page opened (docs/architecture.md,
# "Tests"). Full Chromium runs the same suite when it is all there is.
_HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get(
    "FIVEBARRIERS_CHROMIUM", _HEADLESS_SHELL if Path(_HEADLESS_SHELL).exists() else "/usr/bin/chromium"
)
# The shared window: a laptop's. A test that needs another asks for it (sized_page).
LAPTOP = {"width": 1366, "height": 900}
ARTIFACTS = ROOT / "tests" / "artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from data/ once per session; treat it as read-only."""
    path = tmp_path_factory.mktemp("db") / "fivebarriers.duckdb"
    with small_blocks():
        build.build(path)
    return path


# DuckDB's default block is 256 KiB and every table, column and index takes
# whole blocks, so the curated data (about 300 rows) makes a 21 MB file; with
# 16 KiB blocks (the smallest DuckDB allows) the same data is 2.3 MB. Tests
# copy the session's databases hundreds of times (each fresh_db, and each
# load's copy, check and backup), so the session builds them with small
# blocks. The product keeps DuckDB's default: the block size of a file is set
# when it is made, and every later write keeps it.
SMALL_BLOCK_SIZE = 16_384


@contextlib.contextmanager
def small_blocks() -> Iterator[None]:
    """Within this block, a write that starts from no file (a build) makes
    its file with SMALL_BLOCK_SIZE blocks; writes to an existing file are
    unchanged."""
    real_open_copy = filewrite._open_copy

    def open_copy(tmp: Path) -> duckdb.DuckDBPyConnection:
        if tmp.exists():
            return real_open_copy(tmp)
        con = duckdb.connect(config=NO_FETCH)
        con.execute(
            f"attach {sql_literal(str(tmp))} as {filewrite.WRITE_ALIAS} (block_size {SMALL_BLOCK_SIZE})"
        )
        con.execute("use " + filewrite.WRITE_ALIAS)
        return con

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(filewrite, "_open_copy", open_copy)
        yield


@pytest.fixture(scope="session")
def loose_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same data built once per session without constraints (as a lake
    holds it, so that a rule-breaking row can be written and `check` must
    find it); read-only: copy it with `loose_copy` to change it."""
    path = tmp_path_factory.mktemp("loose") / "loose.duckdb"
    with small_blocks():
        build.build(path, constraints=False)
    return path


def loose_copy(loose_db: Path, folder: Path, name: str = "loose.duckdb") -> Path:
    """A writable copy of the session's database without constraints: a
    build takes seconds, a copy milliseconds."""
    path = folder / name
    shutil.copyfile(loose_db, path)
    return path


@pytest.fixture(scope="session", autouse=True)
def _point_env_at_built_db(built_db: Path) -> Iterator[None]:
    # Every part of the product reads FIVEBARRIERS_DB; tests never touch data/.
    old = os.environ.get(ENV_DB)
    os.environ[ENV_DB] = str(built_db)
    yield
    if old is None:
        os.environ.pop(ENV_DB, None)
    else:
        os.environ[ENV_DB] = old


@pytest.fixture
def fresh_db(tmp_path: Path, built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private writable copy of the built database, for tests that change data."""
    path = tmp_path / "fivebarriers.duckdb"
    shutil.copyfile(built_db, path)
    monkeypatch.setenv(ENV_DB, str(path))
    return path


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` as a subprocess on a loopback port."""

    def __init__(self, db: Path, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = ARTIFACTS / f"streamlit-{self.port}.log"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        full_env = {**os.environ, ENV_DB: str(db), **(env or {})}
        self._log_file = self.log.open("w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(self.port),
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
            env=full_env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy in {timeout}s; see {self.log}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._log_file.close()


@pytest.fixture(scope="session")
def app_server(built_db: Path) -> Iterator[AppServer]:
    server = AppServer(built_db)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture(scope="session")
def shared_context(browser):
    """One browser context for every test's page. A new context starts with an
    empty cache and fetches and compiles Streamlit's 10 MiB of scripts again
    (about 2 s on two cores); the app keeps nothing in cookies or storage, and
    each test still gets a new page, so a new Streamlit session. The window is
    a laptop's: Chromium paints the whole window on every frame, and a
    1366x2400 one cost about 1 s more CPU per page opened; a test that needs a
    taller one asks for it (sized_page)."""
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(shared_context):
    pg = shared_context.new_page()
    yield pg
    pg.close()


@pytest.fixture(scope="module")
def _module_tab(shared_context):
    pg = shared_context.new_page()
    yield pg
    pg.close()


@pytest.fixture
def tab(_module_tab):
    """One tab for a module's tests that each look at one page: each test
    goes to its page with visit(), in the tab the last one left, at the
    shared window size."""
    _module_tab.set_viewport_size(LAPTOP)
    return _module_tab


def sized_page(shared_context, width: int, height: int):
    """A new page of the shared context at this window size (close it when done)."""
    pg = shared_context.new_page()
    pg.set_viewport_size({"width": width, "height": height})
    return pg


# How long a page may take: on a quiet machine 1-3 s, but a fresh server's first
# view runs the imports and fills the caches, and CI machines are shared.
PATIENCE_MS = 120_000
# The first session after a server starts runs its page twice, and between
# the two runs the page looks finished; only the second sets our browser
# title (app.py sets it first thing in every run), so wait for that too.
_RUN_STATE = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.dataset.testScriptState === 'notRunning'"
    " && document.title.endsWith('Five Barriers')"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && !document.querySelector('[data-testid=\"stSkeleton\"]'); }"
)


def wait_for_app(pg, timeout: float = 30_000, settle_ms: int = 300) -> None:
    """Wait until Streamlit has run the script and drawn the page.

    After a click the rerun starts one round trip later, so first give it
    `settle_ms` to begin (a page just opened needs none: its content only
    appears once its run has begun), then wait for the run to end, then for
    Plotly's SVGs."""
    pg.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]', timeout=timeout)
    if settle_ms:
        pg.wait_for_timeout(settle_ms)
    pg.wait_for_function(_RUN_STATE, timeout=timeout)
    # Plotly draws after the script finishes; wait for every chart's SVG.
    pg.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(el => el.querySelector('.main-svg') || el.offsetParent === null)",
        timeout=timeout,
    )
    pg.wait_for_timeout(150)


# The page's height: Streamlit scrolls inside its own containers, not the window.
PAGE_HEIGHT_JS = """() => Math.max(...[...document.querySelectorAll(
  '[data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"], section')]
  .map(e => e.scrollHeight))"""


def full_height(pg, timeout: float = 30_000) -> None:
    """Make the window as tall as the page (at most 12,000 px), so a
    screenshot or axe sees all of it, and wait for the page to redraw."""
    height = int(pg.evaluate(PAGE_HEIGHT_JS))
    pg.set_viewport_size({"width": LAPTOP["width"], "height": min(max(height + 40, LAPTOP["height"]), 12000)})
    wait_for_app(pg, timeout=timeout)


def open_page(pg, url: str, timeout: float = PATIENCE_MS) -> None:
    pg.goto(url, timeout=timeout)
    wait_for_app(pg, timeout=timeout, settle_ms=0)


# Set before a navigation inside the tab: true once Streamlit has started a
# run, or has drawn its app anew (a page of another layout can replace the
# element whose run state is watched). Any change of the run state counts,
# not the state the callback finds: a short page (the phone page without a
# code) can start and finish its run before the callback runs.
_WATCH_FOR_A_RUN = """() => {
    window.__fbApp = document.querySelector('[data-testid="stApp"]');
    window.__fbRunStarted = false;
    new MutationObserver((changes, watcher) => {
        const app = document.querySelector('[data-testid="stApp"]');
        if (app !== window.__fbApp || changes.some(c => c.type === 'attributes')) {
            window.__fbRunStarted = true;
            watcher.disconnect();
        }
    }).observe(document.body, {
        attributes: true, subtree: true, childList: true, attributeFilter: ['data-test-script-state'],
    });
}"""
_GO = "url => { history.pushState({}, '', url); dispatchEvent(new PopStateEvent('popstate', {state: {}})); }"


def visit(pg, url: str, timeout: float = PATIENCE_MS) -> None:
    """Show `url` in this tab, for a test that walks many pages: the first
    visit loads it; later ones on the same server go there as Back and
    Forward do (Streamlit reruns for the new address; the page is drawn from
    scratch in the same session, with no new load of Streamlit's scripts).
    That costs about 1 s of CPU against 1.6-3 s for a new tab, so a walk of 48
    addresses saves minutes; a test of what a fresh visitor sees uses
    open_page."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    here, there = urlsplit(pg.url), urlsplit(url)
    if (here.scheme, here.netloc) != (there.scheme, there.netloc):
        open_page(pg, url, timeout)
        return
    pg.evaluate(_WATCH_FOR_A_RUN)
    pg.evaluate(_GO, url)
    try:
        pg.wait_for_function("() => window.__fbRunStarted", timeout=min(timeout, 20_000))
    except PlaywrightTimeout:
        # Twice in about 400 visits on a busy machine no run began (from /vote, and to
        # it); a reader would reload, and so does the walk: it is about the page, not Back.
        print(f"visit: no run began for {url} in 20 s; loading it instead")
        open_page(pg, url, timeout)
        return
    wait_for_app(pg, timeout=timeout, settle_ms=0)


def after_run(pg, action, timeout: float = PATIENCE_MS) -> None:
    """Do `action` (a click, a file chosen) and wait for the run it starts to
    end. wait_for_app alone gives a run 300 ms to begin, and on a busy machine
    a second file's upload began later: the test then read the first file's
    report."""
    pg.evaluate(_WATCH_FOR_A_RUN)
    action()
    pg.wait_for_function("() => window.__fbRunStarted", timeout=timeout)
    wait_for_app(pg, timeout=timeout, settle_ms=0)


def assert_no_exception(pg) -> None:
    errors = pg.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


def axe_violations(pg) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(pg, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"]


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def screenshot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path


# Fixtures that start a Streamlit server or Chromium: a test asking for one is a
# browser test whatever its file says, so `./dev test --quick` (-m "not browser
# and not slow") never starts a browser by mistake. A test that starts a
# throwaway Postgres (tests/pg_fixture.py) is slow: the cluster alone takes
# seconds to start on two cores.
BROWSER_FIXTURES = frozenset({"app_server", "browser", "shared_context", "page"})
SLOW_FIXTURES = frozenset({"pg_cluster"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if SLOW_FIXTURES & fixtures:
            item.add_marker(pytest.mark.slow)
