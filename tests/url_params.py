"""The URL parameters each page reads, found by running the page.

A page reads a parameter through st.query_params (get, [], in) or binds a
widget to one (bind="query-params"). Each page is run with AppTest while
both are watched, then run again with every parameter found so far given
`value`, until no new one turns up (a parameter read only once another is
set is found on a later run). A parameter added to a page is in the list the
next time the tests run: nobody has to remember to add it to a test."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

from streamlit.runtime.state.query_params import QueryParams
from streamlit.testing.v1 import AppTest

from fivebarriers.config import ROOT

# Streamlit's own parameters, not the app's.
STREAMLIT_OWN = {"embed", "embed_options"}
MAX_RUNS = 5


@contextlib.contextmanager
def _watched() -> Iterator[set[str]]:
    seen: set[str] = set()
    getitem, bind = QueryParams.__getitem__, QueryParams.bind_widget

    def spying_getitem(self: QueryParams, key: str) -> str:
        seen.add(key)
        return getitem(self, key)

    def spying_bind(self: QueryParams, param_key: str, *args: object, **kwargs: object) -> None:
        seen.add(param_key)
        return bind(self, param_key, *args, **kwargs)

    QueryParams.__getitem__ = spying_getitem  # type: ignore[method-assign]
    QueryParams.bind_widget = spying_bind  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        QueryParams.__getitem__ = getitem  # type: ignore[method-assign]
        QueryParams.bind_widget = bind  # type: ignore[method-assign]


def run_page(path: str, params: dict[str, str], seen: set[str] | None = None) -> AppTest:
    """`path` (pages/x.py) through app.py's navigation, with `params` in the
    URL; with `seen`, the parameters that run reads are added to it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()  # the first run draws the default page, not this one
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(path)
    with _watched() if seen is not None else contextlib.nullcontext(set()) as watched:
        at.run()
    if seen is not None:
        seen |= watched
    return at


@functools.cache
def params_read(path: str, value: str) -> tuple[str, ...]:
    """Every URL parameter the page at `path` reads, sorted (found once per test process)."""
    found: set[str] = set()
    for _ in range(MAX_RUNS):
        seen: set[str] = set()
        run_page(path, dict.fromkeys(found, value), seen)
        new = seen - STREAMLIT_OWN - found
        if not new:
            break
        found |= new
    return tuple(sorted(found))


# Parameters a page reads only on some data (a second page of pilots, a tab
# shown for a place with goals), as the security review of 2026-12-06 listed
# them (row 13): run on the test database, the page may not reach them.
REVIEWED: dict[str, set[str]] = {
    "overview": {"programme"},
    "search": {"q", "all"},
    "barriers": {"barrier", "place", "programme", "pilots_page", "results_page", "shares_tab"},
    "places": {"place", "pilots_page", "results_page", "uk_map_tab"},
    "departments": {"department", "roles", "pilots_page", "department_pilots_tab"},
    "pilots": {"pilot", "results_page"},
    "programmes": {"programme", "pilots_page", "results_page"},
    "explorer": {
        "barrier",
        "place",
        "department",
        "role",
        "programme",
        "pilot",
        "kind",
        "status",
        "text",
        "rows",
        "columns",
        "page",
        "pivot_tab",
    },
    "compare": {"kind", "ids"},
    "sources": {"source"},
    "changes": {"page"},
    "present": {"slide", "barrier", "place", "programme", "view", "session"},
    "vote": {"c", "p"},
}


def attacked(url_path: str, path: str, value: str) -> list[str]:
    """The parameters to attack on a page: those it reads here, and those the review found."""
    return sorted(set(params_read(path, value)) | REVIEWED.get(url_path, set()))
