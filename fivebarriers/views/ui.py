"""The single place where pages meet Streamlit: the cached database handle,
cached named queries, URL state and the chart block every chart goes through.
Everything else in the package is plain Python and knows nothing of Streamlit."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from fivebarriers import queries
from fivebarriers.charts.charts import Chart
from fivebarriers.data import build
from fivebarriers.reflected import shorten
from fivebarriers.store import backend, version
from fivebarriers.store.db import Database
from fivebarriers.views import address, chart_panel, export, links, page_run
from fivebarriers.views.data_date import date_text, last_changed
from fivebarriers.views.markdown_text import escape_md
from fivebarriers.views.memo import Memo


def _navigation_from_app_py() -> None:
    """Make every run go through app.py's st.navigation.

    Because the project has a pages/ folder, Streamlit 1.67 starts in its old
    multipage mode: until someone opens the root URL, a pasted deep link such
    as /places?place=liverpool runs pages/places.py on its own, with an
    automatic menu and no app.py. Every page imports this module, so the
    first run to get here switches that mode off and runs again through
    app.py. PagesManager.uses_pages_directory is not public API; if it
    disappears, deep links only lose app.py until the root is opened."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if getattr(PagesManager, "uses_pages_directory", None) is False:
        return
    PagesManager.uses_pages_directory = False
    if get_script_run_ctx() is not None:
        st.rerun()


_navigation_from_app_py()


# Two entries: the file in use and, briefly, the one a load just replaced.
# An evicted handle is closed by garbage collection once no query holds it.
# A lake handle follows new snapshots by itself, so its key never changes.
@st.cache_resource(show_spinner=False, max_entries=2)
def _open(target: backend.Target, handle_key: Any) -> Database:
    return Database(target)


def database() -> Database:
    """The shared read-only handle; a missing file is built from data/ first,
    and a file replaced by a build or an ingest is reopened (noticed at the
    start of a run: one run keeps one handle)."""
    memo = page_run.memo()
    if memo is not None and "handle" in memo:
        return memo["handle"]
    target = backend.resolve()
    try:
        if backend.needs_build(target):
            with st.spinner("Building the database from data/*.csv (first run only)…"):
                build.ensure_built(target)
        handle = _open(target, backend.handle_key(target))
        if memo is not None:
            memo["handle"] = handle
        return handle
    except version.OutdatedDatabase as exc:  # made by an older release: say what to run
        st.warning(escape_md(exc), icon=":material/upgrade:")
        page_run.stop(footer=False)  # the footer reads the database that cannot be opened
    except backend.BackendError as exc:
        st.error(f"The data cannot be opened: {exc}", icon=":material/error:")
        page_run.stop(footer=False)


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(
    name: str, sql_text: str, params: tuple, target: backend.Target, handle_key: Any, version: Any
) -> pd.DataFrame:
    # sql_text and version are part of the key: Streamlit does not watch .sql
    # files, and every load changes the data version (a new file, or a new
    # lake snapshot) while the query text stays the same.
    return _open(target, handle_key).execute(sql_text, dict(params)).df()


def _data() -> tuple[Database, Any]:
    """This run's database handle and data version, looked up once per run:
    every query of a run then reads the same version of the data (a load that
    lands mid-run shows on the next run, not half-way down this page)."""
    memo = page_run.memo()
    if memo is not None and "data" in memo:
        return memo["data"]
    handle = database()
    data = (handle, handle.data_version())
    if memo is not None:
        memo["data"] = data
    return data


def _key(params: Mapping[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _query(name: str, params: Mapping[str, Any]) -> tuple:
    """What a query's result is keyed by, as _run takes it: its name, its text
    (Streamlit does not watch .sql files), parameters, and this run's target,
    handle and data version (last, for _remembered)."""
    handle, data_version = _data()
    return (name, queries.sql(name), _key(params), handle.target, handle.version, data_version)


def query(name: str, **params: Any) -> pd.DataFrame:
    """Run queries/NAME.sql with named parameters; results are cached."""
    return _run(*_query(name, params))


def arrow(name: str, **params: Any) -> pa.Table:
    """queries/NAME.sql's result as an Arrow table, made once per query,
    parameters and data version: st.dataframe then skips converting a
    DataFrame on every rerun (the Add data page's id lists: 25,000 pilots)."""
    key = _query(name, params)
    return _remembered(("arrow", *key), lambda: pa.Table.from_pandas(_run(*key), preserve_index=False))


def records(name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of queries/NAME.sql as dicts, made once per query, parameters and
    data version. Callers read them and never change them in place."""
    return _rows(_query(name, params))


def derived(make: Callable[[list[dict[str, Any]]], Any], name: str, **params: Any) -> Any:
    """make(records(name, **params)), made once per query, parameters and data
    version, for pure helpers that turn rows into frames or text (Sources
    turns 800 catalogue rows into 27 tables on every rerun otherwise). The
    result is shared: callers never change it in place."""
    key = _query(name, params)
    return _remembered((f"{make.__module__}.{make.__qualname__}", *key), lambda: make(_rows(key)))


def _rows(key: tuple) -> list[dict[str, Any]]:
    return _remembered(("rows", *key), lambda: _run(*key).to_dict("records"))


# Rows, Arrow tables and derived values are shared, not unpickled again on
# every rerun as st.cache_data would (DataFrame.to_dict("records") plus the
# unpickling cost 60-130 ms per rerun on Barriers and Places at 10M outputs),
# and found without Streamlit's cache call, which hashes every argument and
# inspects the function's signature each time (about 1 ms a call; Places
# makes 40 a rerun). The key holds the query text and data version, so a
# change is never missed; it ends with (target, handle, data version), and
# everything of an older version is let go as soon as a newer one is read.
_REMEMBERED = Memo(limit=1024)


def _remembered(key: tuple, make: Callable[[], Any]) -> Any:
    return _REMEMBERED.get(key, make, generation=key[-3:])


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and column name escaped, for
    st.table, which renders Markdown in its cells; numbers stay numbers."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(lambda v: escape_md(v) if isinstance(v, str) else v)
    out.columns = [escape_md(c) for c in out.columns]
    return out


# The "all" choice inside a select box (url_choice returns None for it): a
# select box shows a value of None as no choice at all, so Back to "All
# places" left the box empty.
ALL = "\x00all"


def url_choice(
    key: str,
    label: str,
    options: Mapping[str, str],
    default: str | None = None,
    all_label: str | None = None,
    help: str | None = None,
    keep_default: bool = False,
    always: bool = False,
) -> str | None:
    """A select box mirrored in the URL (?key=value), so a view is a link.

    `options` maps values to labels. With `all_label`, None means "all".
    A value in the URL that is not an option gets a clear message and the default.
    The default is left out of the URL, unless `keep_default` and the URL
    already names a choice: a page that leads with the entity a link asked
    for (Places, Departments) keeps leading with it when the default is chosen.
    With `always`, the choice is in the URL even when it is the default: a
    page about one thing (a pilot, a programme, a barrier) opened bare names
    the one it shows, so its address is a link to that one."""
    values: list[str] = ([ALL] if all_label else []) + list(options)
    raw = st.query_params.get(key)
    chosen = default if default is not None or not all_label else ALL
    if raw is not None:
        if raw in options:
            chosen = raw
        else:
            showing = options.get(default, all_label or "the first option") if default else all_label
            st.warning(
                escape_md(
                    f"The link asks for {label.lower()} “{shorten(raw)}”, which is not in the data. "
                    f"Showing {showing}."
                )
            )
    if chosen not in values:
        chosen = values[0] if values else ALL
    if f"url_{key}" in st.session_state and address.back_or_forward():
        address.show(f"url_{key}", chosen)
    value = st.selectbox(
        label,
        values,
        index=values.index(chosen),
        format_func=lambda v: all_label if v == ALL else options[v],
        key=f"url_{key}",
        help=help,
    )
    if value == ALL:
        value = None
    if value is None or (value == default and not (always or (keep_default and key in st.query_params))):
        if key in st.query_params:
            del st.query_params[key]
    elif always and raw is None and value == chosen:
        # Opened bare: name the choice in this history entry, not a new one.
        address.name_in_place(key, value)
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
    return value


def chart_block(
    chart: Chart, key: str, download_name: str | None = None, level: int = 3, on_select: str = "ignore"
) -> Any:
    """Headline and subtitle as headings, then Chart / Table / About this data
    tabs: see views/chart_panel.py (imported here so pages keep calling ui).
    With on_select="rerun", returns the chart's selection (a clicked point)."""
    return chart_panel.chart_block(
        chart, key, escape_md, last_changed_text(), download_name, level, on_select
    )


def last_changed_text() -> str:
    """The day the data last changed, the same on every page, chart and the What changed page."""
    day = last_changed(records("data_last_changed")[0], fallback=database().last_change())
    return date_text(day) if day else "not recorded"


def page_title(entity: str | None) -> None:
    """Name what the page shows in the browser tab: "Liverpool · Places · Five Barriers"."""
    page_run.page_title(entity)


def synthetic_banner() -> None:
    if bool(records("overview_counts")[0]["is_synthetic"]):
        st.warning(
            "This database holds **synthetic data** made by `fivebarriers synth` for testing and "
            "benchmarks. None of its figures describe real pilots.",
            icon=":material/science:",
        )


def metric_row(items: Sequence[tuple[str, str]]) -> None:
    cols = st.columns(len(items))
    for col, (label, value) in zip(cols, items, strict=True):
        col.metric(label, value)


def url_number(
    key: str, label: str, minimum: int, maximum: int, default: int = 1, help: str | None = None
) -> int:
    """A whole-number input mirrored in the URL (?key=3). A value that is not a
    number, or is out of range (a stale link), gets a clear message and the default."""
    raw = st.query_params.get(key)
    chosen = default
    if raw is not None:
        try:
            number = int(raw)
        except ValueError:
            number = None
        if number is not None and minimum <= number <= maximum:
            chosen = number
        else:
            st.warning(
                escape_md(
                    f"The link asks for {label.lower()} “{shorten(raw)}”, but it must be a whole number from "
                    f"{minimum:,} to {maximum:,}. Showing {default:,}."
                )
            )
    widget_key = f"url_{key}"
    if widget_key in st.session_state and not minimum <= st.session_state[widget_key] <= maximum:
        del st.session_state[widget_key]
    if widget_key in st.session_state and address.back_or_forward():
        address.show(widget_key, chosen)
    value = int(
        st.number_input(
            label, min_value=minimum, max_value=maximum, value=chosen, step=1, key=widget_key, help=help
        )
    )
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = str(value)
    return value


def download_buttons(frame_source: Any, name: str, key: str, label: str) -> None:
    """CSV and Excel downloads, made only when clicked (frame_source is a
    function returning the DataFrame), both formula-safe through export."""
    col_csv, col_xlsx = st.columns(2)
    col_csv.download_button(
        f"Download {label} (CSV)",
        data=lambda: export.csv_bytes(frame_source()),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )
    col_xlsx.download_button(
        f"Download {label} (Excel)",
        data=lambda: export.xlsx_bytes(frame_source(), sheet=name),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        on_click="ignore",
    )


def secret(name: str) -> str | None:
    """One value from Streamlit secrets, or None when there is no secrets.toml."""
    try:
        value = st.secrets.get(name)
    except FileNotFoundError:
        return None
    return str(value) if value else None


def table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """A small table as a static table, so long text wraps and every word
    shows (on a phone, as one card per row instead: the stylesheet shows one
    or the other); a larger one as a scrolling data grid, so the page stays light."""
    if len(frame) <= links.STATIC_TABLE_ROWS:
        links.static_table(frame, escape_frame, escape_md)
    else:
        st.dataframe(frame, hide_index=True, width="stretch")
    if caption:
        st.caption(escape_md(caption))
