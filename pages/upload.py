"""Add data: anyone can download the templates and the lists of valid ids
and check a file; analysts sign in to load it as one batch, and can undo any
batch. Loading is gated by a password hash; without one the page says who to
ask and still checks files (a dry run that loads nothing)."""

import streamlit as st

from fivebarriers import auth
from fivebarriers.views import page_run, signin, ui
from fivebarriers.views import upload as view
from fivebarriers.views import upload_blocks as blocks
from fivebarriers.views import upload_load as steps
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
    page_run.stop()

if not signin.signed_in():
    signin.form(stored)
    page_run.stop()

st.header("1. Choose the file")
by = st.text_input("Your name (recorded with the load)", key="upload_by")
choice = st.selectbox("Table", view.table_options(), help=view.TABLE_HELP, key="upload_table")
uploaded = st.file_uploader(
    f"CSV (UTF-8) or Excel .xlsx file, up to {view.UPLOAD_MAX_MB} MB",
    type=["csv", "xlsx"],
    max_upload_size=view.UPLOAD_MAX_MB,
    key="upload_file",
)
steps.check_and_load(uploaded, choice, by)  # the checked bytes are the ones loaded
steps.history_and_undo(by)
