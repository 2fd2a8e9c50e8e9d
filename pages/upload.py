"""Add data: anyone can download the templates and the lists of valid ids
and check a file; analysts sign in to load it as one batch, and can undo any
batch. Loading is gated by a password hash; without one the page says who to
ask and still checks files (a dry run that loads nothing)."""

import streamlit as st

from fivebarriers import auth
from fivebarriers.data import ingest
from fivebarriers.data.readers import Upload
from fivebarriers.views import signin, ui
from fivebarriers.views import upload as view
from fivebarriers.views import upload_blocks as blocks
from fivebarriers.views.page_run import through_app

through_app()

st.title("Add data")
st.markdown(view.INTRO)

stored = auth.configured_hash(ui.secret(auth.SECRET_KEY))
who = view.contact(blocks.contact_section())
if not stored:
    st.info(view.closed_message(who), icon=":material/lock:")  # escaped inside
blocks.templates_and_ids()
with st.expander("How to prepare, load, check and undo a file"):
    st.markdown(view.how_to())

if not stored:
    blocks.check_without_signing_in(who)
    st.stop()

if not signin.signed_in():
    signin.form(stored)
    st.stop()

done = st.session_state.pop("upload_done", None)
if done:
    st.success(ui.escape_md(done["message"]), icon=":material/check_circle:")
    if done.get("page"):
        spec = view.see_data_page(done["table"])
        st.page_link(spec.path, label=f"See the data: {spec.title}", icon=spec.icon)

st.header("1. Choose the file")
by = st.text_input("Your name (recorded with the load)", key="upload_by")
choice = st.selectbox("Table", view.table_options(), help=view.TABLE_HELP, key="upload_table")
uploaded = st.file_uploader(
    f"CSV (UTF-8) or Excel .xlsx file, up to {view.UPLOAD_MAX_MB} MB",
    type=["csv", "xlsx"],
    max_upload_size=view.UPLOAD_MAX_MB,
    key=f"upload_file_{st.session_state.get('upload_round', 0)}",
)

if uploaded is not None:
    source = Upload(uploaded.name, uploaded.getvalue())
    # The Load step checks again under the lock.
    report = blocks.checked(source, choice, "upload_report")
    st.header("2. Check it")
    blocks.show_report(report)
    if not report.problems:
        st.success(ui.escape_md(view.ready_message(report.rows, report.table)))
        st.header("3. Load it")
        if not by.strip():
            st.caption("Give your name above to load the file.")
        if st.button(
            view.load_label(report.rows, report.table), type="primary", disabled=not by.strip()
        ) and signin.still_signed_in("loaded"):
            try:
                # Seconds for a big file, longer when other analysts are loading into a lake.
                with st.spinner(view.loading_message(report.rows, report.table), show_time=True):
                    result = ingest.ingest(
                        source, report.table, loaded_by=by, max_bytes=view.UPLOAD_MAX_BYTES
                    )
            except ingest.IngestError as exc:
                st.error(ui.escape_md(exc))
            else:
                if result.loaded:
                    st.session_state.upload_done = {
                        "message": f"Loaded batch {result.batch_id}: {result.rows:,} rows into "
                        f"{result.table} from {result.file_name}.",
                        "table": result.table,
                        "page": True,
                    }
                    st.session_state.upload_round = st.session_state.get("upload_round", 0) + 1
                    st.session_state.pop("upload_report", None)
                    st.rerun()
                st.error(ui.escape_md(view.problems_headline(len(result.problems), result.file_name)))
                st.dataframe(result.problem_table(), hide_index=True, width="stretch")

st.header("Load history")
batches = ingest.batches()  # read fresh: a load has just changed the data
if batches.empty:
    st.caption("Nothing has been loaded yet.")
else:
    st.dataframe(view.history_table(batches), hide_index=True, width="stretch")
    st.subheader("Undo a load")
    for b in batches[batches["outcome"] == "loaded"].head(20).itertuples():
        text, button = st.columns([3, 2], vertical_alignment="center")
        text.text(f"{b.batch_id}: {b.row_count:,} rows into {b.table_name} from {b.file_name}")
        if button.button("Undo " + ui.escape_md(b.batch_id), key=f"undo_{b.batch_id}"):
            st.session_state.upload_confirm = b.batch_id
    pending = st.session_state.get("upload_confirm")
    if pending:
        st.warning(
            ui.escape_md(f"Remove every row of batch {pending}? It stays in the history, marked undone.")
        )
        yes, no = st.columns(2)
        if yes.button("Yes, undo this batch", type="primary") and signin.still_signed_in("undone"):
            del st.session_state.upload_confirm
            try:
                with st.spinner(f"Undoing batch {pending}…", show_time=True):
                    undone = ingest.undo(pending, by=by or None)
            except ingest.IngestError as exc:
                st.error(ui.escape_md(exc))
            else:
                st.session_state.upload_done = {
                    "message": f"Undone batch {undone.batch_id}: removed {undone.rows_removed:,} rows "
                    f"from {undone.table}.",
                    "table": undone.table,
                }
                st.session_state.pop("upload_report", None)
                st.rerun()
        if no.button("Cancel"):
            del st.session_state.upload_confirm
            st.rerun()
