"""The paged list of results under a goal chart (Barriers, Places and
Departments pages), drawn as a fragment: moving to another page of results
reruns this list alone, not the page above it (its charts and queries)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from fivebarriers.views import links, result_tables, ui


@st.fragment
def results_list(
    query_name: str,
    total: int,
    params: Mapping[str, Any],
    first_page: list[dict[str, Any]],
    extra: Mapping[str, str] | None = None,
) -> None:
    """`first_page` is page 1, already read for the goal chart; other pages
    ask `query_name` for their first N x 50 rows and show the last 50."""
    page = 1
    if total > result_tables.RESULTS_PAGE_SIZE:
        pages = result_tables.page_count(total, result_tables.RESULTS_PAGE_SIZE)
        page = ui.url_number("results_page", "Page of results", 1, pages, default=1)
        st.caption(result_tables.page_text(page, total, "results", result_tables.RESULTS_PAGE_SIZE))
    rows: list[Any] = first_page
    if page > 1:
        everything = ui.records(query_name, **params, limit=page * result_tables.RESULTS_PAGE_SIZE)
        rows = result_tables.page_slice(everything, page)
    # Every pilot, place and source name in the list links to its page.
    links.table(links.linked(result_tables.results_frame(rows, extra=extra), rows))
