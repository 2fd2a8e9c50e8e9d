"""Filter changes as a reader sees them (issue 28, item 2): from the key that
chooses a new value to the page's new headline, in headless Chromium.

For each page with a filter, a reader is on the page with its start view
drawn, opens a select box, types a value and presses Enter (as the browser
tests do). The time runs in the browser, from that key press (a keydown
listener's performance.now()) to the moment the headline for the new choice
is in the document (a MutationObserver), and on to the last change to the
page after it ("all drawn", Plotly's charts included).

The server runs under bench/timed_server.py, which notes when the run began
and when the headline left the script, on the same wall clock as the
browser's: the wait splits into the browser's part and the server's.

Each repetition chooses a value not chosen before on this server, so its
answer is in none of the app's caches: every timed change asks DuckDB
something new, as a reader's first look at a place does.

Which text is the headline: the first heading or bold line of the page for
the new choice that the start view does not show (the answer to the
filter: the place's name, the count of results, "Showing Dunford: ..."),
read beforehand from a second server on the same file, so the measured
server's caches stay cold for those choices. The report names it.

The floor, measured the same way in the same run: bench/floor_filter_page.py
(a select box, and a title naming the choice).

    .venv/bin/python -m bench.filter_headline --db bench/work/synth-10000000.duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from bench import timed_server
from bench.browser_timing import serve
from bench.memory import CHROMIUM
from fivebarriers.config import ROOT

REPEAT = 3  # changes timed per page, each to a value not asked for before
HEADLINES = ", ".join(f'[data-testid="stMain"] {tag}' for tag in ("h1", "h2", "h3", "strong"))
_TEXTS = f"() => [...document.querySelectorAll('{HEADLINES}')].map(e => e.textContent.trim())"
_SETTLED = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.dataset.testScriptState === 'notRunning'"
    ' && document.querySelector(\'[data-testid="stMain"] [data-testid="stElementContainer"]\')'
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }"
)
# Installed once the start view is drawn: the Enter that makes the choice
# starts the clock; the headline's arrival stops it. "All drawn" is the last
# change to the page after it (Plotly's charts included), read once the run
# has ended and nothing has changed for QUIET_MS: a short run can start and
# end within one frame, so the run's own state cannot tell when it ended.
_WATCH = """([selector, expected]) => {
    const fb = window.__fbFilter = {pressed: null, headline: null, last: null};
    addEventListener('keydown', e => {
        if (e.key === 'Enter' && fb.pressed === null) fb.pressed = performance.now();
    }, true);
    new MutationObserver(() => {
        if (fb.pressed === null) return;
        fb.last = performance.now();
        if (fb.headline === null
            && [...document.querySelectorAll(selector)].some(e => e.textContent.trim() === expected)) {
            fb.headline = fb.last;
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}"""
QUIET_MS = 1_000
_DONE = (
    "quiet => { const fb = window.__fbFilter;"
    " const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return fb.headline !== null && app.dataset.testScriptState === 'notRunning'"
    " && performance.now() - fb.last > quiet; }"
)


@dataclass(frozen=True)
class Change:
    """One page's filter change: from `start` (a query string), choose in the
    select box `label` each of `targets` (query strings) in turn."""

    page: str  # url path, "" for the Overview
    label: str
    start: str
    targets: tuple[str, ...]
    several: bool = False  # a multiselect (the Explorer's facets): Escape closes it after
    typed: tuple[str, ...] = ()  # what to type for each target; else the select box's text there


def _ids(db: Path, sql: str, limit: int = 1_000) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [str(r[0]) for r in con.execute(sql + " LIMIT ?", [limit]).fetchall()]


def changes(db: Path, repeat: int = REPEAT) -> list[Change]:
    """Every page with a filter, on whatever the database holds: the first
    ids in order, the start view on the first and each change to a next one."""
    n = repeat + 1
    programmes = _ids(db, "SELECT programme_id FROM programmes ORDER BY programme_id", n)
    places = _ids(db, "SELECT place_id FROM places WHERE kind <> 'neighbourhood' ORDER BY place_id", n)
    departments = _ids(
        db,
        "SELECT lineage_id FROM departments GROUP BY lineage_id HAVING count(*) = 1 ORDER BY lineage_id",
        n,
    )
    barriers = _ids(db, "SELECT barrier_id FROM barriers ORDER BY number")
    barrier_names = _ids(db, "SELECT name FROM barriers ORDER BY number")
    # The pilot finder lists the first 50 pilots by name: a name held by one pilot only.
    pilots = _ids(
        db,
        "SELECT min(pilot_id) FROM pilots GROUP BY name HAVING count(*) = 1 ORDER BY min(name)",
        n,
    )
    barrier = barriers[0]

    def one_at_a_time(page: str, label: str, key: str, ids: list[str]) -> Change:
        """Start on the first id, change to each next one (?key=id)."""
        return Change(page, label, f"?{key}={ids[0]}", tuple(f"?{key}={i}" for i in ids[1:]))

    return [
        Change("", "Show results for", "", tuple(f"?programme={p}" for p in programmes[1:])),
        Change(
            "barriers",
            "Place",
            f"?barrier={barrier}",
            tuple(f"?barrier={barrier}&place={p}" for p in places[1:]),
        ),
        one_at_a_time("places", "Place", "place", places),
        one_at_a_time("departments", "Department", "department", departments),
        one_at_a_time("programmes", "Programme", "programme", programmes),
        one_at_a_time("pilots", "Pilot", "pilot", pilots),
        Change(
            "explorer",
            "Barrier",
            "",
            tuple(f"?barrier={b}" for b in barriers[1 : repeat + 1]),
            several=True,
            typed=tuple(barrier_names[1 : repeat + 1]),
        ),
    ]


def _open(context, url: str, timeout_ms: float = 120_000):
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(_SETTLED, timeout=timeout_ms)
    page.wait_for_timeout(400)  # the first run of a new session can be followed by a second
    page.wait_for_function(_SETTLED, timeout=timeout_ms)
    return page


def _box(page, label: str):
    return page.get_by_role("combobox", name=re.compile(f"^{re.escape(label)}")).first


def _chosen_text(page, label: str) -> str:
    """What a reader types to choose the value this view shows: the select box's text."""
    return _box(page, label).input_value()


def expected(url: str, changes_: Sequence[Change], browser) -> dict[str, Any]:
    """From a server of its own: each change's typed value and headline."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    out: dict[str, Any] = {}
    for change in changes_:
        start = _open(context, f"{url}/{change.page}{change.start}")
        seen = set(start.evaluate(_TEXTS))
        start.close()
        rows = []
        for n, target in enumerate(change.targets):
            page = _open(context, f"{url}/{change.page}{target}")
            texts = page.evaluate(_TEXTS)
            headline = next((t for t in texts if t and t not in seen), None)
            typed = change.typed[n] if change.typed else _chosen_text(page, change.label)
            rows.append({"target": target, "typed": typed, "headline": headline})
            page.close()
        out[change.page or "overview"] = rows
    context.close()
    return out


def _time_change(
    context, url: str, label: str, typed: str, headline: str, several: bool, timeline: Path | None = None
) -> dict[str, Any]:
    page = _open(context, url)
    page.evaluate(_WATCH, [HEADLINES, headline])
    box = _box(page, label)
    box.click()
    page.keyboard.type(typed)
    page.wait_for_timeout(300)  # the list has narrowed, as a reader sees it before pressing Enter
    page.keyboard.press("Enter")
    page.wait_for_function(_DONE, arg=QUIET_MS, timeout=120_000)
    if several:
        page.keyboard.press("Escape")
    fb = page.evaluate("() => window.__fbFilter")
    origin = page.evaluate("() => performance.timeOrigin")
    page.close()
    out = {"headline_ms": fb["headline"] - fb["pressed"], "drawn_ms": fb["last"] - fb["pressed"]}
    if timeline is not None:
        # The same wall clock on both sides: when the run began and the headline left the script.
        pressed = origin + fb["pressed"]
        server = timed_server.left_server(str(timeline), pressed, headline)
        for key, value in server.items():
            out[key] = None if value is None else value - pressed
    return out


def _time_or_error(
    context, url: str, label: str, typed: str, headline: str, several: bool, timeline: Path | None = None
) -> dict[str, Any]:
    try:
        return _time_change(context, url, label, typed, headline, several, timeline)
    except Exception as exc:  # one change that never answers must not lose the run
        return {"error": f"{type(exc).__name__}: {str(exc)[:160]}"}


def floor(browser, log: Path, repeat: int = REPEAT, cpus: str | None = None) -> dict[str, Any]:
    """bench/floor_filter_page.py served the same way: Enter to its new title."""
    timings = []
    script = ROOT / "bench" / "floor_filter_page.py"
    with serve(ROOT / "data" / "fivebarriers.duckdb", log, script, cpus=cpus) as url:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        _open(context, url).close()  # a new server's first session runs its page twice
        for n in range(2, repeat + 3):
            typed = f"Option {n:02d}"
            timings.append(_time_or_error(context, url, "Choice", typed, f"Showing {typed}", False))
        context.close()
    timed = timings[1:]  # the first change warms the code paths
    return {
        "headline_ms": _median(t.get("headline_ms") for t in timed),
        "drawn_ms": _median(t.get("drawn_ms") for t in timed),
        "changes": timings,
    }


def run(
    db: Path, log: Path, repeat: int = REPEAT, pages: Sequence[str] = (), split_cores: bool = False
) -> dict[str, Any]:
    """Every page's changes (or only `pages`, by name: overview, places, ...).
    With `split_cores`, the browser (and this process) on the first core and
    the servers on the second, as a reader's browser runs on a machine of its
    own: neither then waits for the other's work."""
    from playwright.sync_api import sync_playwright

    cpus = None
    if split_cores:
        os.sched_setaffinity(0, {0})  # Chromium, started below, inherits it
        cpus = "1"

    todo = [c for c in changes(db, repeat) if not pages or (c.page or "overview") in pages]
    results: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        results["floor"] = floor(browser, log.with_name(log.stem + "-floor.log"), repeat, cpus)
        with serve(db, log.with_name(log.stem + "-oracle.log"), cpus=cpus) as url:
            wanted = expected(url, todo, browser)
        timeline = log.with_name(log.stem + "-timeline.jsonl")
        timeline.unlink(missing_ok=True)
        with serve(db, log, timeline=timeline, cpus=cpus) as url:
            warm = browser.new_context()
            for change in todo:  # every page's start view once: imports, options, the page's own code
                _open(warm, f"{url}/{change.page}{change.start}").close()
            warm.close()
            for change in todo:
                name = change.page or "overview"
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                rows = []
                for want in wanted[name]:
                    if not want["headline"]:
                        rows.append({**want, "error": "no headline differs from the start view"})
                        continue
                    start = f"{url}/{change.page}{change.start}"
                    timing = _time_or_error(
                        context,
                        start,
                        change.label,
                        want["typed"],
                        want["headline"],
                        change.several,
                        timeline,
                    )
                    rows.append({**want, **timing})
                context.close()
                results[name] = rows
        browser.close()
    return results


def _median(values) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def summary(results: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """Medians per page, in ms: Enter to the new headline, and to all drawn."""
    out: dict[str, dict[str, float | None]] = {}
    for name, rows in results.items():
        if name == "floor":
            continue
        timed = [r for r in rows if "headline_ms" in r]
        out[name] = {
            key: _median(r.get(key) for r in timed)
            for key in ("headline_ms", "drawn_ms", "run_started_ms", "headline_left_ms")
        }
        out[name].update(timed=len(timed), asked=len(rows))
    return out


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def table_md(results: dict[str, Any]) -> str:
    """The report's table: per page, the medians beside the floor of the same run."""
    floor_ = results["floor"]
    lines = [
        "| page | Enter to new headline | × floor | all drawn | run began | headline left the server "
        "| timed | headline (first of the changes) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, s in summary(results).items():
        times = (
            f"{s['headline_ms'] / floor_['headline_ms']:.1f}×"
            if s["headline_ms"] is not None and floor_.get("headline_ms")
            else "–"
        )
        headline = str(results[name][0].get("headline") or results[name][0].get("error", ""))[:90]
        cells = [_ms(s["headline_ms"]), times, _ms(s["drawn_ms"]), _ms(s["run_started_ms"])]
        cells += [_ms(s["headline_left_ms"]), f"{s['timed']}/{s['asked']}", headline]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The floor in the same run (bench/floor_filter_page.py: one drop-down list, and a title naming the "
        f"choice): {_ms(floor_.get('headline_ms'))} from Enter to its new title. Medians; each change "
        "chose a value not asked for before on that server.",
    ]
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--repeat", type=int, default=REPEAT)
    p.add_argument("--page", action="append", default=[], help="only this page (overview, places, …)")
    p.add_argument(
        "--split-cores", action="store_true", help="the browser on core 0, the server on core 1 (2+ cores)"
    )
    args = p.parse_args()
    log = ROOT / "bench" / "work" / "filter-headline.log"
    log.parent.mkdir(exist_ok=True)
    result = run(Path(args.db), log, args.repeat, args.page, args.split_cores)
    floor_ = result["floor"]
    if floor_["headline_ms"] is None:
        print(f"floor: no change timed: {floor_['changes']}")
        floor_ = {"headline_ms": float("nan")}
    else:
        print(
            f"floor (a select box and its title): {floor_['headline_ms']:.0f} ms to the title, "
            f"{floor_['drawn_ms']:.0f} ms all drawn"
        )
    for name, s in summary(result).items():
        if s["headline_ms"] is None:
            print(f"{name:12} no change timed: {result[name]}")
            continue
        times = s["headline_ms"] / floor_["headline_ms"]
        server = (
            f"run began {s['run_started_ms']:.0f} ms, headline left the server {s['headline_left_ms']:.0f} ms"
            if s["headline_left_ms"] is not None
            else "headline not found in the server's timeline"
        )
        print(
            f"{name:12} headline {s['headline_ms']:.0f} ms ({times:.1f}x floor), "
            f"all drawn {s['drawn_ms']:.0f} ms ({server}), {s['timed']}/{s['asked']} timed; "
            f"headline: {result[name][0].get('headline')!r}"
        )
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
