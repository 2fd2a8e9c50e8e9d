"""The Add data page's Streamlit blocks (pages/upload.py stays a list of
steps): template and id downloads, the report of a checked file, and the
contact read from Streamlit secrets. Words and tables are in views/upload.py."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from fivebarriers import contact as contact_settings
from fivebarriers.data import check_worker, ingest, templates
from fivebarriers.data.readers import Upload
from fivebarriers.views import export, links, page_run, signin, ui
from fivebarriers.views import upload as view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def contact_section() -> dict | None:
    """The `[contact]` table of .streamlit/secrets.toml, if there is one."""
    try:
        section = st.secrets.get("contact")
    except FileNotFoundError:
        return None
    return dict(section) if hasattr(section, "keys") else None


def current_ids() -> dict[str, list[str]]:
    """Parent table -> its ids now, for the drop-downs of the Excel templates."""
    return {
        view.ID_LIST_TABLE[name]: ui.query(name).iloc[:, 0].astype(str).tolist()
        for name, _, _ in view.ID_LISTS
    }


def templates_and_ids() -> None:
    """Every template as CSV and Excel, and the lists of valid ids: shown
    whether or not loading is switched on. Files are made only when clicked."""
    st.header("Templates")
    st.markdown(
        "One per table you can add to: the column names and an example row to replace. The Excel "
        "template has drop-down lists of the allowed words and of the ids in the dashboard."
    )
    for table in view.table_options()[1:]:
        text, csv_col, xlsx_col = st.columns([5, 2, 2], vertical_alignment="center")
        text.markdown(f"**{table}**: {view.TABLE_PURPOSE[table]}")
        csv_col.download_button(
            f"{table} (CSV)",
            data=lambda t=table: templates.template(t).encode("utf-8-sig"),
            file_name=f"{table}_template.csv",
            mime="text/csv",
            key=f"template_csv_{table}",
            on_click="ignore",
        )
        xlsx_col.download_button(
            f"{table} (Excel)",
            data=lambda t=table: templates.template_xlsx(t, current_ids()),
            file_name=f"{table}_template.xlsx",
            mime=XLSX,
            key=f"template_xlsx_{table}",
            on_click="ignore",
        )
    st.header("Valid ids")
    st.markdown("The ids your rows may refer to, as they are in the dashboard now.")
    tabs = st.tabs([label for _, label, _ in view.ID_LISTS])
    for tab, (name, label, file_name) in zip(tabs, view.ID_LISTS, strict=True):
        with tab:
            st.dataframe(ui.arrow(name), hide_index=True, width="stretch")
            ui.download_buttons(
                lambda q=name: ui.query(q), file_name, f"ids_{file_name}", f"{label.lower()} ids"
            )


def show_report(report: ingest.Report) -> None:
    """The preview, the notes and, if any, the problems of a checked file."""
    st.caption("The first rows as read; row numbers are those of your spreadsheet.")
    st.dataframe(report.preview, hide_index=True)
    for note in report.notes:
        st.caption(ui.escape_md(note))
    if report.problems:
        st.error(ui.escape_md(view.problems_headline(len(report.problems), report.file_name)))
        show_problems(report.problem_table(), report.file_name)


def show_problems(problem_table: pd.DataFrame, file_name: str) -> None:
    """Every problem whole, in a static table that wraps (a grid cut the fix
    off at 1440 px), and all of them as a formula-safe CSV."""
    rows = view.problem_rows(problem_table)
    links.static_table(rows.head(view.PROBLEMS_SHOWN), ui.escape_frame, ui.escape_md)
    if len(rows) > view.PROBLEMS_SHOWN:
        st.caption(view.problems_more(view.PROBLEMS_SHOWN, len(rows)))
    st.download_button(
        "Download the problems (CSV)",
        data=export.csv_bytes(rows),
        file_name=f"{Path(file_name).stem}_problems.csv",
        mime="text/csv",
        key=f"problems_csv_{page_run.next_table_number()}",
        on_click="ignore",
    )


def checked(source: Upload, choice: str, cache_key: str) -> ingest.Report:
    """The file's report, checked once per file and table choice, not on every
    rerun (typing a name reruns the page). The checked bytes are kept with it:
    a load loads them, never what the upload holds by the time of the click."""
    key = (source.name, hashlib.sha256(source.data).hexdigest(), choice)
    cached = st.session_state.get(cache_key)
    if cached and cached[0] == key:
        return cached[1]
    try:
        # In a worker with a CPU-time limit, lower for visitors who have not signed in.
        report = check_worker.check(source.data, source.name, view.chosen_table(choice), signin.signed_in())
    except ingest.IngestError as exc:
        st.error(ui.escape_md(exc))
        page_run.stop()
    st.session_state[cache_key] = (key, report, source)
    return report


def kept_source(cache_key: str, sha256: str) -> Upload | None:
    """The bytes checked under `cache_key`, if they are the ones with this sha256."""
    cached = st.session_state.get(cache_key)
    if cached and cached[0][1] == sha256:
        return cached[2]
    return None


def check_without_signing_in(who: contact_settings.Contact | None) -> None:
    """The closed page's dry run: check a file against the data, load nothing."""
    with st.expander("For whoever runs this dashboard: switching loading on"):
        st.info(view.DISABLED)
    st.header("Check a file")
    st.markdown(view.CHECK_INTRO)
    choice = st.selectbox("Table", view.table_options(), help=view.TABLE_HELP, key="check_table")
    uploaded = st.file_uploader(
        f"CSV (UTF-8) or Excel .xlsx file to check, up to {view.UPLOAD_MAX_MB} MB",
        type=["csv", "xlsx"],
        max_upload_size=view.UPLOAD_MAX_MB,
        key="check_file",
    )
    if uploaded is not None:
        report = checked(Upload(uploaded.name, uploaded.getvalue()), choice, "check_report")
        show_report(report)
        if not report.problems:
            st.success(ui.escape_md(view.checked_message(report.rows, report.table, who)))
