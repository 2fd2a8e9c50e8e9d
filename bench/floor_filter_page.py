"""The floor for a filter change: a Streamlit page with one select box whose
choice is its heading. What a filter change costs in a browser before a page
asks anything of the data (measured beside every page in
bench/filter_headline.py)."""

import streamlit as st

choice = st.selectbox("Choice", [f"Option {n:02d}" for n in range(1, 21)])
st.title(f"Showing {choice}")
