"""Naive twin of pages/explorer.py."""

import plotly.express as px
import streamlit as st

from bench.naive_pages import naive_data

df = naive_data.results()
programme = st.selectbox("Programme", ["All", *sorted(df["programme_name"].unique())])
kind = st.selectbox("Kind", ["All", "achieved", "expected"])
status = st.selectbox("Status", ["All", "reported", "not reported"])
filtered = df
if programme != "All":
    filtered = filtered[filtered["programme_name"] == programme]
if kind != "All":
    filtered = filtered[filtered["kind"] == kind]
if status != "All":
    filtered = filtered[filtered["status"] == status]
st.metric("Outputs", len(filtered))
exploded = filtered.explode("barrier_ids")
pivot = exploded.pivot_table(
    index="barrier_ids", columns="kind", values="output_id", aggfunc="count", fill_value=0
)
st.plotly_chart(px.imshow(pivot, text_auto=True))
st.dataframe(pivot)
st.dataframe(filtered.sort_values("output_id").head(100))
