"""Naive twin of pages/places.py."""

import plotly.express as px
import streamlit as st

from bench.naive_pages import naive_data

df = naive_data.results()
places = naive_data.table("places")
counts = df.groupby("place_id")["pilot_id"].nunique().reset_index(name="pilots")
points = places.merge(counts, on="place_id")
st.plotly_chart(px.scatter(points, x="lon", y="lat", size="pilots", hover_name="name"))

options = sorted(places["name"])
name = st.selectbox("Place", options)
place_id = places.loc[places["name"] == name, "place_id"].iloc[0]
exploded = df.explode("place_ancestor_ids")
within = exploded[exploded["place_ancestor_ids"] == place_id]
pilots = within.groupby(["pilot_name", "programme_name"]).size().reset_index(name="outputs")
st.dataframe(pilots)
first = naive_data.first_results(within)
first = first.assign(share=first["actual"] / first["target_low"] * 100)
st.plotly_chart(px.bar(first.head(40), x="share", y="pilot_name", color="kind", orientation="h"))
st.dataframe(first)
departments = within.explode("department_ids").groupby("department_ids")["pilot_id"].nunique()
st.dataframe(departments.reset_index(name="pilots"))
