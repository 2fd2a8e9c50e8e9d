"""Where a page's rerun spends its time: cProfile over AppTest reruns with the
data already cached (the reader moved nothing), in a fresh process.

    .venv/bin/python -m bench.profile_page --app pages/barriers.py --db DB [--top 15]

Prints the functions with the most cumulative time inside the page script
(Streamlit's own test harness left out), and one JSON line at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
from pathlib import Path

from fivebarriers.config import ENV_DB, ROOT

# Frames from these files are the harness or the interpreter, not the page.
_HARNESS = ("streamlit/testing/", "threading.py", "concurrent/futures", "cProfile", "bench/profile_page")


def profile(app: str, reruns: int, top: int) -> dict:
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    from bench.server_like import keep_compiled_scripts

    keep_compiled_scripts()

    profiler = cProfile.Profile()
    active = {"on": False}
    original = script_runner.ScriptRunner._run_script

    # The script runs in its own thread, which cProfile does not follow:
    # profile inside that thread, and only the timed reruns.
    def run_script(self, *args, **kwargs):
        if not active["on"]:
            return original(self, *args, **kwargs)
        profiler.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.disable()

    script_runner.ScriptRunner._run_script = run_script
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    at.switch_page(app)
    at.run()
    at.run()  # warm: every query and cached figure is in the cache now
    active["on"] = True
    for _ in range(reruns):
        at.run()
    active["on"] = False
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        if any(h in file for h in _HARNESS):
            continue
        rows.append(
            {
                "function": f"{Path(file).parent.name}/{Path(file).name}:{line}:{func}",
                "calls_per_rerun": calls / reruns,
                "own_ms": 1000 * tottime / reruns,
                "cumulative_ms": 1000 * cumtime / reruns,
            }
        )
    rows.sort(key=lambda r: r["cumulative_ms"], reverse=True)
    return {
        "page": app,
        "reruns": reruns,
        "exception": [e.message for e in at.exception][:1],
        "top": rows[:top],
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--app", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--reruns", type=int, default=10)
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args()
    os.environ[ENV_DB] = str(Path(args.db).resolve())
    result = profile(args.app, args.reruns, args.top)
    for row in result["top"]:
        print(
            f"{row['cumulative_ms']:8.1f} ms cum {row['own_ms']:7.1f} ms own "
            f"{row['calls_per_rerun']:7.1f}x  {row['function']}"
        )
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
