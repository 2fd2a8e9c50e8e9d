"""Naive twin of pages/overview.py."""

import plotly.express as px
import streamlit as st

from bench.naive_pages import naive_data

df = naive_data.results()
st.title("Overview (naive)")
cols = st.columns(5)
cols[0].metric("Programmes", df["programme_id"].nunique())
cols[1].metric("Pilots", df["pilot_id"].nunique())
cols[2].metric("Places", df["place_id"].nunique())
cols[3].metric("Results", len(df))
cols[4].metric("Not reported", int((df["status"] == "not reported").sum()))

programmes = sorted(df["programme_name"].unique())
programme = st.selectbox("Programme", ["All programmes", *programmes])
with_goal = df[df["target_low"].notna()]
if programme != "All programmes":
    with_goal = with_goal[with_goal["programme_name"] == programme]
top = with_goal.sort_values(["programme_name", "status", "pilot_name", "output_id"]).head(12)
top = top.assign(share=top["actual"] / top["target_low"] * 100)
st.plotly_chart(px.bar(top, x="share", y="pilot_name", color="kind", orientation="h"))

exploded = df[["pilot_id", "barrier_ids"]].explode("barrier_ids")
summary = exploded.groupby("barrier_ids")["pilot_id"].nunique().reset_index(name="pilots")
st.dataframe(summary)
