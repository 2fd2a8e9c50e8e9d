"""What the current run is drawing: its page's name, its browser title and
how many tables it has drawn. app.py starts each run (through chrome);
pages and ui add to it. Streamlit runs each session's script in its own
thread, so a thread-local holds one run's state."""

from __future__ import annotations

import runpy
import threading
from collections.abc import Callable
from typing import NoReturn

import streamlit as st

from fivebarriers.config import ROOT

SERVICE_NAME = "Five Barriers"
SEPARATOR = " · "

_run = threading.local()


def document_title(*parts: str | None) -> str:
    """'Liverpool · Places · Five Barriers': most specific first, as in a browser tab."""
    return SEPARATOR.join([p for p in parts if p] + [SERVICE_NAME])


def start(page: str | None) -> None:
    _run.page = page
    _run.title = None
    _run.tables = 0
    _run.memo = {}
    _run.finish = None


def on_finish(finish: Callable[[bool], None]) -> None:
    """app.py: how this run's page ends (empty the loading line; with True,
    draw the footer too). Pages end early through `stop`, which runs it."""
    _run.finish = finish


def finish(footer: bool = True) -> None:
    """End this run's page, once: a second call does nothing."""
    done = getattr(_run, "finish", None)
    _run.finish = None
    if done is not None:
        done(footer)


def stop(footer: bool = True) -> NoReturn:
    """What a page calls instead of a bare st.stop(): a bare stop skips the
    end of app.py, so "Drawing the results…" stayed above the title and the
    footer never came. `footer=False` where drawing it needs what just failed
    (the footer reads the data's last change from the database)."""
    finish(footer)
    st.stop()
    raise AssertionError("st.stop() returned")  # it raises; this satisfies type checkers


def memo() -> dict | None:
    """A dict that lives for this run alone, for what one run should look up
    once (None outside a run that app.py started)."""
    return getattr(_run, "memo", None)


def title() -> str:
    """The browser title set for this run."""
    return getattr(_run, "title", None) or document_title(getattr(_run, "page", None))


def page_title(entity: str | None) -> None:
    """Put the entity a page shows first in the browser title."""
    _run.title = document_title(entity, getattr(_run, "page", None))
    st.set_page_config(page_title=_run.title)


def next_table_number() -> int:
    """Numbers this run's tables from 1, so each keeps its key (and its
    place on the page) from one rerun to the next."""
    _run.tables = getattr(_run, "tables", 0) + 1
    return _run.tables


def through_app() -> None:
    """Make sure this page runs inside app.py (menu, header, footer). Every page calls it first.

    Streamlit 1.67 starts a server in "pages/ directory" mode and stays in it
    until app.py has called st.navigation once (AppTest returns to it on every
    run): a deep link as the first request after a restart ran the page bare.
    Leave that mode and run app.py here, in this same run (a rerun would drop
    the click that started it); app.py finds this page from the address and
    runs it, then this outer run stops.
    (PagesManager.uses_pages_directory is not public API: if it moves, this does nothing.)"""
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
        st.stop()
