"""Naive twin of pages/barriers.py."""

import plotly.express as px
import streamlit as st

from bench.naive_pages import naive_data

df = naive_data.results()
barriers = naive_data.table("barriers")
evidence = naive_data.table("barrier_evidence")
name = st.selectbox("Barrier", list(barriers["name"]))
barrier_id = barriers.loc[barriers["name"] == name, "barrier_id"].iloc[0]
st.title(name)

found = evidence[evidence["barrier_id"] == barrier_id]
st.plotly_chart(px.bar(found.dropna(subset=["value"]).head(30), x="value", y="finding", orientation="h"))

exploded = df.explode("barrier_ids")
linked = exploded[exploded["barrier_ids"] == barrier_id]
pilots = linked.groupby(["pilot_name", "place_name", "programme_name"]).size().reset_index(name="outputs")
st.dataframe(pilots)
first = naive_data.first_results(linked)
first = first.assign(share=first["actual"] / first["target_low"] * 100)
st.plotly_chart(px.bar(first.head(40), x="share", y="pilot_name", color="kind", orientation="h"))
st.dataframe(first)
