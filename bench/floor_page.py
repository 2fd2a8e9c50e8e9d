"""The floor: a Streamlit page that only writes a title. What any rerun
costs before a page does anything (measured beside every page)."""

import streamlit as st

st.title("Floor")
