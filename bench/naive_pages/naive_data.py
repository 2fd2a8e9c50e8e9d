"""What a first Streamlit + pandas version of a page typically does: read the
whole `results` view (and the small tables) into pandas once, keep the
frames in memory, and filter, group and chart them in pandas and
plotly.express on every rerun. The benchmark's baseline, not product code.

The frames are kept with st.cache_resource, which hands back the same frame
without copying. st.cache_data (the documented choice for data) pickles a
copy on every rerun: at 1M outputs that made the Overview twin take 84 s to
load and 27 s per rerun with 6 GB resident, so we give the naive version the
faster cache and compare against that."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from fivebarriers.config import db_path


@st.cache_resource(show_spinner=False)
def table(name: str) -> pd.DataFrame:
    con = duckdb.connect(str(db_path()), read_only=True)
    try:
        return con.table(name).df()
    finally:
        con.close()


def results() -> pd.DataFrame:
    return table("results")


def first_results(frame: pd.DataFrame, limit: int = 500) -> pd.DataFrame:
    """The page's list of results: targets first, then by pilot."""
    ordered = frame.assign(no_target=frame["target_low"].isna()).sort_values(
        ["no_target", "pilot_name", "output_id"]
    )
    return ordered.head(limit).drop(columns="no_target")
