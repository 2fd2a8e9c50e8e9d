"""Time one page in AppTest, in a fresh process (so caches and memory belong
to this page alone). Prints one JSON object on the last line of stdout.

    python -m bench.page_timing --app pages/places.py --db DB      # the real page, through app.py
    python -m bench.page_timing --script bench/naive_pages/places.py --db DB   # a naive twin

First load: the page's first run with an empty data cache (the database
connection already open, as on a running server).

Cached rerun (issue 17's budget, ≤ 50 ms at 10M): `reruns` reruns with
nothing changed and the data already cached, after `warmup` of them: what a
reader pays for any interaction that does not change this page's data.

Filter change (budget ≤ 100 ms at 10M, queries included): `reruns` reruns,
before each the page's filters (select boxes and radios) move to a
combination not used before, so every timed rerun asks the database
something new. When a page has fewer combinations than runs, the data cache
is cleared before the rerun instead, which is the worst case; `fresh_reruns`
says how many timed reruns were new combinations.

Slide move (Present page, budget ≤ 50 ms): the "Next" button pressed and
the page rerun, `reruns` times.

The floor: `--script bench/floor_page.py`, a page that writes one title.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from fivebarriers.config import ENV_DB, ROOT


def _peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _filters(at) -> list:
    """The page's filter widgets: main-area select boxes and radios with a choice to make."""
    widgets = [w for w in list(at.selectbox) + list(at.radio) if len(w.options) > 1]
    return widgets[:3]


def _apply(at, combo: tuple[int, ...]) -> None:
    for widget, index in zip(_filters(at), combo, strict=False):
        if widget.type == "selectbox":
            widget.select_index(index % len(widget.options))
        else:
            widget.set_value(widget.options[index % len(widget.options)])


def _combos(at, needed: int) -> list[tuple[int, ...]]:
    sizes = [len(w.options) for w in _filters(at)]
    if not sizes:
        return []
    # Move the first filter fastest; skip the all-defaults combination already drawn.
    every = itertools.product(*[range(n) for n in reversed(sizes)])
    out = [tuple(reversed(c)) for c in itertools.islice(every, 1, needed + 1)]
    return out


def _clear_data_caches() -> None:
    import streamlit as st

    from fivebarriers.views import ui

    st.cache_data.clear()
    # Query rows, Arrow tables and values derived from them (the Places maps)
    # are remembered beside the data cache (ui._REMEMBERED); the connection
    # (cache_resource) stays open.
    # Cleared through its dict, so an older tree's Memo (ab_compare) is too.
    remembered = getattr(ui, "_REMEMBERED", None)
    if remembered is not None:
        remembered._values.clear()


def _median_ms(times: list[float]) -> float | None:
    return statistics.median(times) if times else None


def measure(app: str | None, script: str | None, reruns: int, warmup: int, timeout: float) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    from bench.server_like import keep_compiled_scripts

    keep_compiled_scripts()
    result: dict[str, Any] = {"page": app or script}
    if app:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        started = time.perf_counter()
        at.run()
        result["app_start_s"] = time.perf_counter() - started
        at.switch_page(app)
        _clear_data_caches()
    else:
        at = AppTest.from_file(str(ROOT / script), default_timeout=timeout)
    started = time.perf_counter()
    at.run()
    result["first_load_s"] = time.perf_counter() - started
    result["exception"] = [e.message for e in at.exception][:1]
    result["synthetic_banner"] = any("synthetic data" in w.value for w in at.warning)

    def timed() -> float:
        started = time.perf_counter()
        at.run()
        return time.perf_counter() - started

    cached = [timed() for _ in range(warmup + reruns)][warmup:]
    result["cached_rerun_median_s"] = _median_ms(cached)
    result["cached_rerun_times_s"] = cached

    combos = _combos(at, warmup + reruns)
    result["filters"] = [getattr(w, "label", "?") for w in _filters(at)]
    times, fresh, urls = [], 0, []
    for run in range(warmup + reruns if script is None or combos else 0):
        if run < len(combos):
            _apply(at, combos[run])
            is_fresh = True
        else:
            _clear_data_caches()
            is_fresh = False
        elapsed = timed()
        if at.exception:
            result["exception"] = [e.message for e in at.exception][:1]
            break
        if run >= warmup:
            times.append(elapsed)
            fresh += is_fresh
        urls.append(dict(at.query_params))
    result["rerun_median_s"] = _median_ms(times)
    result["rerun_times_s"] = times
    result["fresh_reruns"] = fresh
    result["query_params"] = [{k: (v[0] if isinstance(v, list) else v) for k, v in u.items()} for u in urls]

    nexts = [b for b in at.button if getattr(b, "key", None) == "next_slide"]
    if nexts:
        # Start again from the first slide (the filter moves above may have left the last one showing).
        at.query_params["slide"] = "1"
        at.run()
        moves = []
        for _ in range(warmup + reruns):
            button = next((b for b in at.button if getattr(b, "key", None) == "next_slide"), None)
            if button is None or button.disabled:
                break
            button.click()
            moves.append(timed())
        result["slide_move_median_s"] = _median_ms(moves[warmup:])
        result["slide_move_times_s"] = moves[warmup:]
    result["peak_rss_mib"] = _peak_rss_mib()
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--app", help="page path as registered in navigation (runs through app.py)")
    group.add_argument("--script", help="a standalone Streamlit script (a naive twin)")
    p.add_argument("--db", required=True)
    p.add_argument("--reruns", type=int, default=7)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--timeout", type=float, default=600)
    args = p.parse_args()
    os.environ[ENV_DB] = str(Path(args.db).resolve())
    try:
        result = measure(args.app, args.script, args.reruns, args.warmup, args.timeout)
    except Exception as exc:  # one failing page must not stop the benchmark
        result = {
            "page": args.app or args.script,
            "error": f"{type(exc).__name__}: {str(exc)[:200]}",
            "peak_rss_mib": _peak_rss_mib(),
        }
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
