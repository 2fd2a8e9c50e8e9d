"""Accessibility statement: what was tested, known problems, how to report
one, and the enforcement procedure, as UK public-sector services publish it."""

import streamlit as st

from fivebarriers.views import accessibility as view
from fivebarriers.views import chrome, ui
from fivebarriers.views.page_run import through_app

through_app()

who = chrome.contact()
before, after = view.statement(who)

st.title("Accessibility statement for Five Barriers")
ui.synthetic_banner()  # the statement is about this service, whatever data it holds
st.markdown(before)
st.header(view.CONTACT_HEADING, anchor="contact-us")
for line in view.contact_lines(who):
    st.markdown(line)
st.markdown(after)
