"""Naive twin of pages/departments.py."""

import plotly.express as px
import streamlit as st

from bench.naive_pages import naive_data

df = naive_data.results()
departments = naive_data.table("departments")
exploded = df.explode("department_ids")
per_department = exploded.groupby("department_ids")["pilot_id"].nunique().reset_index(name="pilots")
st.plotly_chart(px.bar(per_department, x="pilots", y="department_ids", orientation="h"))

lineages = sorted(departments["lineage_id"].unique())
lineage = st.selectbox("Department", lineages)
history = departments[departments["lineage_id"] == lineage].sort_values("valid_from")
st.dataframe(history)
linked = exploded[exploded["department_ids"] == lineage]
pilots = linked.groupby(["pilot_name", "place_name"]).size().reset_index(name="outputs")
st.dataframe(pilots)
first = naive_data.first_results(linked)
first = first.assign(share=first["actual"] / first["target_low"] * 100)
st.plotly_chart(px.bar(first.head(40), x="share", y="pilot_name", color="kind", orientation="h"))
st.dataframe(first)
