"""Naive twin of pages/sources.py."""

import streamlit as st

from bench.naive_pages import naive_data

df = naive_data.results()
sources = naive_data.table("sources")
st.dataframe(sources)
citations = df.groupby("source_id").size().reset_index(name="outputs")
st.dataframe(citations.merge(sources, on="source_id"))
st.metric("Not reported", int((df["status"] == "not reported").sum()))
coverage = df.groupby("programme_name")["place_id"].nunique()
st.dataframe(coverage.reset_index(name="places"))
