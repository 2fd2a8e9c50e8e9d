"""Long lists shown a page at a time, with a count, the page in the URL
(?findings_page=3) so a view stays a link."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

from fivebarriers.views import result_tables, ui

Item = TypeVar("Item")


def page_of(items: Sequence[Item], key: str, label: str, noun: str, size: int) -> Sequence[Item]:
    """The items on the page the URL asks for. Past one page, a pager and a
    caption ('Findings 11–20 of 119 (page 2 of 12)') come first."""
    if len(items) <= size:
        return items
    pages = result_tables.page_count(len(items), size)
    page = ui.url_number(key, label, 1, pages, default=1)
    st.caption(result_tables.page_text(page, len(items), noun, size))
    return items[(page - 1) * size : page * size]
