"""Make AppTest rerun a page the way a running server does, for the benches.

Streamlit's server keeps one ScriptCache for its lifetime, so each page
script is read, rewritten for "magic" and compiled once. AppTest's
LocalScriptRunner makes a new ScriptCache for every run, so every timed
rerun would also pay that compile: 20-50 ms on our longer pages (measured
with bench.profile_page: magic's AST pass alone), none of which a reader
ever waits for. `keep_compiled_scripts()` gives every run one shared cache."""

from __future__ import annotations


def keep_compiled_scripts() -> None:
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    # Both make their own: app_test for the pages (PagesManager), the runner for app.py.
    app_test.ScriptCache = lambda: shared  # type: ignore[misc,assignment]
    local_script_runner.ScriptCache = lambda: shared  # type: ignore[misc,assignment]
