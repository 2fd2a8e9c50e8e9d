"""Before and after, interleaved, under the same machine load: each page's
rerun (nothing changed) and filter change, timed by this tree's
bench/page_timing.py against two source trees, alternating A, B, A, B.

On a shared 2-core machine the absolute figures swing with other people's
work; measured back to back, the ratio between two trees holds.

    git archive <commit> | tar -x -C /tmp/before
    .venv/bin/python -m bench.ab_compare --before /tmp/before --db bench/work/synth-10000000.duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from fivebarriers.config import ROOT

PAGES = ("overview", "barriers", "places", "departments", "explorer", "sources")


def _time(tree: Path, page: str, db: Path, reruns: int) -> dict:
    # The same timing script in both trees, so only the app differs.
    if tree.resolve() != ROOT.resolve():
        shutil.copy(ROOT / "bench" / "page_timing.py", tree / "bench" / "page_timing.py")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.page_timing", "--app", f"pages/{page}.py", "--db", str(db),
         "--reruns", str(reruns), "--warmup", "2"],
        cwd=tree, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tree)},
    )  # fmt: skip
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": proc.stderr.strip().splitlines()[-1:]}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--before", required=True, type=Path)
    p.add_argument("--db", required=True, type=Path)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--reruns", type=int, default=5)
    p.add_argument("--pages", nargs="*", default=list(PAGES))
    args = p.parse_args()
    db = args.db.resolve()
    out = {"db": db.name, "load_average_at_start": os.getloadavg(), "pages": {}}
    for page in args.pages:
        runs: dict[str, list[dict]] = {"before": [], "after": []}
        for _ in range(args.rounds):
            runs["before"].append(_time(args.before.resolve(), page, db, args.reruns))
            runs["after"].append(_time(ROOT, page, db, args.reruns))
        row = {}
        for side, results in runs.items():
            for measure in ("cached_rerun_median_s", "rerun_median_s"):
                values = [r[measure] for r in results if r.get(measure)]
                row[f"{side}_{measure}"] = statistics.median(values) if values else None
        out["pages"][page] = row
        print(page, {k: round(v * 1000) if v else None for k, v in row.items()}, flush=True)
    out["load_average_at_end"] = os.getloadavg()
    path = ROOT / "bench" / "results" / f"ab-{db.stem}.json"
    path.write_text(json.dumps(out, indent=1))
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
