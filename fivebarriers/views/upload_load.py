"""The Add data page's steps 2 and 3 and its undo (pages/upload.py), in
Streamlit terms: check the upload, load exactly the bytes that were checked,
and take a load out again.

Streamlit's upload URL accepts a PUT that replaces the file from anyone with
an XSRF cookie of their own, and that URL reaches proxy logs (security review
2026-12-06, finding 1). So the Load button is keyed to the sha256 of the
bytes that were checked and shown, the click records that sha256 (a callback,
which runs even when the button is not drawn again), and the load writes the
kept bytes only if the upload still holds them; otherwise it is refused.
Words are in views/upload.py."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from fivebarriers.data import ingest
from fivebarriers.data.readers import Upload
from fivebarriers.progress import Progress
from fivebarriers.views import links, signin, ui
from fivebarriers.views import upload as view
from fivebarriers.views import upload_blocks as blocks

REPORT_KEY = "upload_report"  # (file name, sha256, table choice), report, checked bytes
LOAD_REQUEST = "upload_load_request"  # the sha256 a Load click was for
LOADED = "upload_loaded"  # the last load from this page: sha256, batch id, message
CONFIRM = "upload_confirm"  # the batch an analyst asked to undo
UNDONE = "upload_undone"  # what the last undo did, shown where its button was


def _ask_to_load(sha256: str) -> None:
    st.session_state[LOAD_REQUEST] = sha256


def check_and_load(uploaded: UploadedFile | None, choice: str, by: str) -> None:
    """Steps 2 and 3 for the file in the uploader, if there is one."""
    # Taken on every run, file or not: a click is for this run only, never a later file.
    request = st.session_state.pop(LOAD_REQUEST, None)
    if uploaded is None:
        return
    report = blocks.checked(Upload(uploaded.name, uploaded.getvalue()), choice, REPORT_KEY)
    if request is not None and request != report.sha256:
        st.error(view.CHANGED_AFTER_CHECK, icon=":material/error:")
        request = None
    st.header("2. Check it")
    blocks.show_report(report)
    if report.problems:
        return
    st.header("3. Load it")
    done = st.session_state.get(LOADED)
    if done and done["sha256"] == report.sha256:
        _show_loaded(done)  # where the Load button was
        return
    st.success(ui.escape_md(view.ready_message(report.rows, report.table)))
    if request is not None and by.strip() and signin.still_signed_in("loaded"):
        source = blocks.kept_source(REPORT_KEY, request)
        if source is not None and _load(source, report, by):
            st.rerun()  # the next run opens the new file: the links and the history read it
    if not by.strip():
        st.caption("Give your name above to load the file.")
    st.button(
        view.load_label(report.rows, report.table),
        type="primary",
        disabled=not by.strip(),
        key=f"load_{report.sha256}",
        on_click=_ask_to_load,
        args=(report.sha256,),
    )


def _load(source: Upload, report: ingest.Report, by: str) -> bool:
    """Load the kept bytes; True when they were loaded."""
    slot = st.empty()  # the progress bar, drawn once the load has run for two seconds

    def draw(p: Progress) -> None:
        slot.progress(p.fraction, text=ui.escape_md(p.text()))

    try:
        # Seconds for a big file, longer when other analysts are loading into a lake.
        with st.spinner(view.loading_message(report.rows, report.table), show_time=True):
            result = ingest.ingest(
                source, report.table, loaded_by=by, max_bytes=view.UPLOAD_MAX_BYTES, progress=draw
            )
    except ingest.IngestError as exc:
        st.error(ui.escape_md(exc))
        return False
    if not result.loaded:
        st.error(ui.escape_md(view.problems_headline(len(result.problems), result.file_name)))
        blocks.show_problems(result.problem_table(), result.file_name)
        return False
    st.session_state[LOADED] = {
        "sha256": result.sha256,
        "batch_id": result.batch_id,
        "message": view.loaded_message(result.batch_id, result.rows, result.table, result.file_name),
    }
    st.session_state.pop(UNDONE, None)
    return True


def _show_loaded(done: dict) -> None:
    st.success(ui.escape_md(done["message"]), icon=":material/check_circle:")
    changed = ui.records("upload_batch_pages", batch_id=done["batch_id"])
    if changed:
        st.markdown("\n".join(view.see_lines(changed, links.md)))


def history_and_undo(by: str) -> None:
    """Every load, and an Undo button for each that is still loaded."""
    st.header("Load history")
    batches = ingest.batches()  # read fresh: a load has just changed the data
    if batches.empty:
        st.caption("Nothing has been loaded yet.")
        return
    ui.table(view.history_table(batches))  # static while short, so no column is cut off
    st.subheader("Undo a load")
    undone = st.session_state.pop(UNDONE, None)
    if undone:
        st.success(ui.escape_md(undone), icon=":material/check_circle:")
    loaded = batches[batches["outcome"] == "loaded"]
    if loaded.empty:
        st.markdown(view.NOTHING_TO_UNDO)
        return
    for b in loaded.head(20).itertuples():
        text, button = st.columns([3, 2], vertical_alignment="center")
        text.text(f"{b.batch_id}: {b.row_count:,} rows into {b.table_name} from {b.file_name}")
        if button.button("Undo " + ui.escape_md(b.batch_id), key=f"undo_{b.batch_id}"):
            st.session_state[CONFIRM] = b.batch_id
    pending = st.session_state.get(CONFIRM)
    if pending:
        _confirm_undo(pending, by)


def _confirm_undo(pending: str, by: str) -> None:
    st.warning(ui.escape_md(f"Remove every row of batch {pending}? It stays in the history, marked undone."))
    yes, no = st.columns(2)
    if yes.button("Yes, undo this batch", type="primary") and signin.still_signed_in("undone"):
        del st.session_state[CONFIRM]
        try:
            with st.spinner(f"Undoing batch {pending}…", show_time=True):
                undone = ingest.undo(pending, by=by or None)
        except ingest.IngestError as exc:
            st.error(ui.escape_md(exc))
            return
        st.session_state[UNDONE] = (
            f"Undone batch {undone.batch_id}: removed {undone.rows_removed:,} rows from {undone.table}."
        )
        done = st.session_state.get(LOADED)
        if done and done["batch_id"] == undone.batch_id:
            del st.session_state[LOADED]  # the same file can be loaded again
        st.session_state.pop(REPORT_KEY, None)
        st.rerun()
    if no.button("Cancel"):
        del st.session_state[CONFIRM]
        st.rerun()
