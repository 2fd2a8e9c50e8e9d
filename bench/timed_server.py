"""`streamlit run` with a clock on the server's side, for bench/filter_headline.py:
when each run of a page script starts, and when each heading or Markdown
element leaves the script (queued for the browser), in the machine's wall
clock (ms since the epoch), one line each in the file FIVEBARRIERS_TIMELINE
names. The browser's clock on the same machine is the same wall clock
(performance.timeOrigin + performance.now()), so a filter change splits into
the browser's part and the server's.

    FIVEBARRIERS_TIMELINE=F python -m bench.timed_server run app.py --server.port ...
"""

from __future__ import annotations

import json
import os
import sys
import time

ENV_TIMELINE = "FIVEBARRIERS_TIMELINE"


def install(path: str) -> None:
    from streamlit.runtime.scriptrunner import script_runner

    log = open(path, "a", buffering=1)  # open for the server's lifetime
    run_script = script_runner.ScriptRunner._run_script
    enqueue = script_runner.ScriptRunner._enqueue_forward_msg

    def timed_run(self, *args, **kwargs):
        log.write(json.dumps({"ms": time.time() * 1000, "run": "start"}) + "\n")
        return run_script(self, *args, **kwargs)

    def timed_enqueue(self, msg):
        if msg.HasField("delta") and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            kind = element.WhichOneof("type")
            if kind in ("heading", "markdown"):
                body = getattr(element, kind).body
                log.write(json.dumps({"ms": time.time() * 1000, "text": body[:400]}) + "\n")
        return enqueue(self, msg)

    script_runner.ScriptRunner._run_script = timed_run
    script_runner.ScriptRunner._enqueue_forward_msg = timed_enqueue


def plain(markdown: str) -> str:
    """A heading's or a line's Markdown as the reader reads it: no escapes, no bold."""
    return markdown.replace("\\", "").replace("**", "").strip()


def left_server(path: str, after_ms: float, text: str) -> dict[str, float | None]:
    """From the timeline: when the first run after `after_ms` started, and
    when `text` (as the browser shows it) first left the script after it."""
    started = left = None
    with open(path) as lines:
        for line in lines:
            row = json.loads(line)
            if row["ms"] < after_ms:
                continue
            if started is None and row.get("run") == "start":
                started = row["ms"]
            if started is not None and "text" in row and plain(row["text"]) == text:
                left = row["ms"]
                break
    return {"run_started_ms": started, "headline_left_ms": left}


def main() -> None:
    install(os.environ[ENV_TIMELINE])
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
