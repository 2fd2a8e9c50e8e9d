"""Figures: Plotly chart builders, number formatting and the offline map outlines.
Takes tidy rows, returns figures; knows nothing of the database or Streamlit."""
