"""Votes per second one server sustains on the phone page, with p95 latency
under 500 ms, and the floor measured in the same run.

    python -m bench.votes [--phones 100] [--seconds 12] [--rates 10,20,40,60,80,100]

One `streamlit run app.py` (loopback) with a database built from data/. For
each rate, a fresh room asks "Which barrier holds your place back most?",
and --phones websocket clients (bench/room_client.py: Streamlit's protocol,
no browser) answer in turn, evenly spread, so that together they send that
many answers a second for --seconds; each answer is timed from pressing the
button to the page's "script finished" (the answer is written before the
page runs). Every answer must come back as "Your answer: …"; a refusal or a
timeout is an error. The floor is the same clients, at the same rates,
rerunning a page that only writes a title (bench/floor_page.py) on its own
server: what any rerun costs on this machine before our page does anything.
The load average is printed beside every figure (the machine may be shared)."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bench.room_client import Phone
from bench.ws_load import p95
from fivebarriers.config import ENV_DB, ROOT
from fivebarriers.data import build
from fivebarriers.workshop import room_votes, sessions

BARRIERS = ("Structures", "Priorities", "Funding", "Data-sharing", "Culture")
P95_BUDGET_S = 0.5


def load_avg() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


@contextlib.contextmanager
def serve(script: Path, db: Path, present: Path, log: Path) -> Iterator[str]:
    """`streamlit run script` on a free loopback port; yields its address."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, ENV_DB: str(db), sessions.ENV_DIR: str(present), "PYTHONPATH": str(ROOT)}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError(f"the server did not start; see {log}") from None
                    time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def step(url: str, code: str, page: str, phones: int, rate: float, seconds: float) -> dict:
    """`phones` clients together sending `rate` answers (or reruns) a second."""
    times: list[float] = []
    errors: list[str] = []
    interval = phones / rate  # each client's time between answers
    clients = [Phone(url, code, room_votes.new_token(), page=page) for _ in range(phones)]
    ready = threading.Barrier(phones + 1)  # the clock starts once every phone has its page
    until = [0.0]

    def run(i: int, phone: Phone) -> None:
        try:
            try:
                phone.open()
            finally:
                ready.wait()
            time.sleep(i * interval / phones)  # spread evenly over the interval
            for n in itertools.count():
                if time.monotonic() > until[0]:
                    return
                started = time.monotonic()
                if page == "vote":
                    choice = BARRIERS[(i + n) % 5]
                    times.append(phone.answer(choice))
                    if not any(f"Your answer: {choice}." in t for t in phone.texts):
                        errors.append(" / ".join(phone.texts[-1:]))
                else:
                    times.append(phone.open())
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
        except Exception as exc:  # a dropped connection or a timeout: an error of the run
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            phone.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    ready.wait()
    until[0] = time.monotonic() + seconds
    for t in threads:
        t.join()
    return {
        "rate": rate,
        "done": len(times) / seconds,
        "p50": statistics.median(times) if times else float("nan"),
        "p95": p95(times),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
    }


def line(name: str, r: dict) -> str:
    return (
        f"{name} {r['rate']:>5.0f}/s asked: {r['done']:6.1f}/s done, p50 {r['p50'] * 1000:5.0f} ms, "
        f"p95 {r['p95'] * 1000:5.0f} ms, errors {r['errors']}; load average {load_avg()}"
        + (f"  ({r['first_error'][:80]})" if r["first_error"] else "")
    )


def sustained(results: list[dict]) -> str:
    ok = [r for r in results if r["p95"] < P95_BUDGET_S and not r["errors"]]
    return f"{max(r['done'] for r in ok):.0f}/s" if ok else "none of the rates tried"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--rates", default="10,20,40,60,80,100")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    with tempfile.TemporaryDirectory(prefix="fb-votes-") as tmp:
        folder = Path(tmp)
        db = folder / "fivebarriers.duckdb"
        build.build(db)
        present = folder / "present"
        votes = room_votes.Votes(present)
        print(f"{args.phones} phones, {args.seconds:.0f} s a rate; p95 budget {P95_BUDGET_S * 1000:.0f} ms")
        results, floor = [], []
        with serve(ROOT / "app.py", db, present, folder / "app.log") as url:
            for n, rate in enumerate(rates):
                room = votes.open_room(f"BENCH{n + 2}")  # a fresh room per rate: fresh limits
                votes.ask(room.code, "barrier-most")
                Phone(url, room.code, room_votes.new_token()).open()  # warm the page's imports
                results.append(step(url, room.code, "vote", args.phones, rate, args.seconds))
                print(line("votes", results[-1]))
                if results[-1]["p95"] >= 2 * P95_BUDGET_S:
                    break
        with serve(ROOT / "bench" / "floor_page.py", db, present, folder / "floor.log") as url:
            for rate in rates[: len(results)]:
                floor.append(step(url, "", "", args.phones, rate, args.seconds))
                print(line("floor", floor[-1]))
        print(f"sustained with p95 under {P95_BUDGET_S * 1000:.0f} ms: votes {sustained(results)}, "
              f"floor (one-title page) {sustained(floor)}")  # fmt: skip


if __name__ == "__main__":
    main()
