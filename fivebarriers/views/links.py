"""Every name a link: the one place that turns a pilot, place, department,
programme, barrier or source into a link to its page.

A link is relative ("pilots?pilot=good-help-hub"), so it works under any
base path; ids are URL-encoded and the text is escaped for Markdown with
ui.escape_md, so nothing from the data is ever interpreted. In a static
table (st.table) or any Markdown the link is a Markdown link; a scrolling
grid (st.dataframe) cannot render Markdown, so `grid` turns those cells into
LinkColumn cells whose URL carries the name after '#' (a fragment the pages
ignore), shown through LinkColumn's display_text pattern."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import pandas as pd
import pyarrow as pa
import streamlit as st

from fivebarriers.views import page_run
from fivebarriers.views.markdown_text import escape_md
from fivebarriers.views.memo import Memo

# kind -> (page url_path, query parameter); the pages read these parameters.
PAGES: dict[str, tuple[str, str]] = {
    "pilot": ("pilots", "pilot"),
    "place": ("places", "place"),
    "department": ("departments", "department"),
    "programme": ("programmes", "programme"),
    "barrier": ("barriers", "barrier"),
    "source": ("sources", "source"),
}
# Table column -> (kind, id key of the row): the columns pages link by default.
COLUMNS: dict[str, tuple[str, str]] = {
    "Pilot": ("pilot", "pilot_id"),
    "Place": ("place", "place_id"),
    "Where": ("place", "place_id"),
    "Names": ("place", "listed_place_id"),
    "Programme": ("programme", "programme_id"),
    "Department": ("department", "lineage_id"),
    "Department (name at the time)": ("department", "lineage_id"),
    "Today": ("department", "lineage_id"),
    "Barrier": ("barrier", "barrier_id"),
    "Source": ("source", "source_id"),
}
# Up to this many rows a table is static (wraps, Find reads it); longer, a scrolling grid.
STATIC_TABLE_ROWS = 25
# LinkColumn shows the capture group, URL-decoded (Streamlit 1.67 decodes it).
GRID_TEXT = r"#(.+)$"
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^()\s]+)\)")
_ESCAPED = re.compile(r"\\(.)")


def url(kind: str, entity_id: Any) -> str:
    return _url(kind, str(entity_id))


@lru_cache(maxsize=1 << 16)
def _url(kind: str, entity_id: str) -> str:
    page, param = PAGES[kind]
    return f"{page}?{param}={quote(entity_id, safe='')}"


def md(kind: str, entity_id: Any, name: Any) -> str:
    """A Markdown link to the entity's page; just the escaped name without an id."""
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    if entity_id is None or (isinstance(entity_id, float) and pd.isna(entity_id)) or entity_id == "":
        return escape_md(name)
    return f"[{escape_md(name)}]({url(kind, entity_id)})"


def md_list(kind: str, pairs: Iterable[tuple[Any, Any]], sep: str = ", ") -> str:
    """Several links in one line: (id, name) pairs."""
    return sep.join(md(kind, entity_id, name) for entity_id, name in pairs if name)


def plain(text: Any) -> str:
    """The text a reader sees in a Markdown cell: links to their text, escapes undone."""
    if not isinstance(text, str):
        return text
    return _plain(text)


# Like escape_md's: the same cells come back on every rerun.
@lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    return _ESCAPED.sub(r"\1", _LINK.sub(lambda m: m.group(1), text))


def _grid_cell(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    return _grid_url(text)


@lru_cache(maxsize=1 << 16)
def _grid_url(text: str) -> str | None:
    match = _LINK.fullmatch(text)
    if not match:
        return None
    name = _ESCAPED.sub(r"\1", match.group(1))
    return match.group(2) + "#" + quote(name)


def grid(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """For st.dataframe: a column whose every cell is one Markdown link becomes
    a LinkColumn; other Markdown (several links, escapes) becomes plain text."""
    out = frame.copy()
    config: dict[str, Any] = {}
    for column in frame.columns:
        values = frame[column]
        if not pd.api.types.is_string_dtype(values) and values.dtype != object:
            continue
        texts = [v for v in values if isinstance(v, str) and v]
        if texts and all(_grid_url(v) is not None for v in texts):
            out[column] = [_grid_cell(v) if isinstance(v, str) and v else None for v in values]
            config[column] = st.column_config.LinkColumn(column, display_text=GRID_TEXT)
        elif any(isinstance(v, str) and ("[" in v or "\\" in v) for v in texts):
            out[column] = [plain(v) for v in values]
    return out, config


def dataframe(frame: pd.DataFrame, **kwargs: Any) -> None:
    """st.dataframe with working links (see `grid`)."""
    shown, config = by_content(("grid",), frame, lambda: grid(frame))
    st.dataframe(shown, column_config={**config, **kwargs.pop("column_config", {})}, **kwargs)


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table for a download: names as text, no Markdown."""
    out = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
            out[column] = [plain(v) for v in frame[column]]
    return out


def source_md(row: Mapping[str, Any], title: str = "source_title", locator: str = "locator") -> str:
    """'[Title](sources?source=id): section' for a row with source_id, title and locator."""
    text = md("source", row.get("source_id"), row.get(title))
    where = row.get(locator)
    return text + (": " + escape_md(where) if where is not None and not pd.isna(where) else "")


def link_results(frame: pd.DataFrame, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A result_tables.results_frame with its Pilot, Place, Programme and
    Source cells turned into links, where the rows carry the ids."""
    out = frame.copy()
    columns = (
        ("Pilot", "pilot", "pilot_id", "pilot_name"),
        ("Place", "place", "place_id", "place_name"),
        ("Programme", "programme", "programme_id", "programme_name"),
    )
    for column, kind, id_key, name_key in columns:
        if column in out.columns and rows and id_key in rows[0]:
            out[column] = [md(kind, r.get(id_key), r.get(name_key)) for r in rows]
    if "Source" in out.columns and rows and "source_id" in rows[0]:
        out["Source"] = [source_md(r) for r in rows]
    return out


def cards_markdown(frame: pd.DataFrame, cell: Callable[[Any], str] = escape_md) -> str:
    """The table as one card per row ("**Column**: value" lines), for phones,
    where five columns do not fit. `cell` makes a value Markdown: escape_md
    for text, `str` for cells that are Markdown already (links)."""
    cards = []
    for row in frame.itertuples(index=False):
        lines = [
            f"**{escape_md(column)}**: {cell(value)}"
            for column, value in zip(frame.columns, row, strict=True)
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value) != ""
        ]
        cards.append("  \n".join(lines))
    return "\n\n---\n\n".join(cards)


# Makes a frame's cells Markdown (ui.escape_frame); None: they are already.
ToMarkdown = Callable[[pd.DataFrame], pd.DataFrame] | None
# A static table's cells as Arrow, and its phone cards.
Prepared = tuple[pa.Table, str]


def static_table(frame: pd.DataFrame, to_markdown: ToMarkdown, cell: Callable[[Any], str]) -> None:
    """`frame` as a static table, so long text wraps and every word shows; on
    a phone as one card per row instead (the stylesheet shows one or the
    other). `to_markdown` makes its cells Markdown (None: they are already)."""
    table, cards = _prepared(frame, to_markdown, cell)
    key = page_run.next_table_number()
    with st.container(key=f"fb_table_{key}"):
        st.table(table, hide_index=True, border="horizontal")
        if cards:
            st.container(key=f"fb_cards_{key}").markdown(cards)


# Pages draw the same tables on every rerun (Sources: 26 small ones, each
# escaped, carded and converted to Arrow, 4-7 ms apiece at 10M outputs; the
# Places map's table: 1,800 links made grid cells), so each is made once per
# content. The key is the content itself, not a hash of it, so two tables can
# never share an entry.
_MADE = Memo(limit=512)


def by_content(kind: tuple, frame: pd.DataFrame, make: Callable[[], Any]) -> Any:
    """make(), remembered by `kind` and the frame's content (see above)."""
    if not frame.columns.is_unique:
        return make()
    try:
        key = (*kind, tuple(frame.columns), *(tuple(frame[c].tolist()) for c in frame.columns))
        hash(key)
    except TypeError:  # a cell that cannot be a key (a list): made afresh
        return make()
    return _MADE.get(key, make)


def _prepared(frame: pd.DataFrame, to_markdown: ToMarkdown, cell: Callable[[Any], str]) -> Prepared:
    return by_content(("static", to_markdown, cell), frame, lambda: _prepare(frame, to_markdown, cell))


def _prepare(frame: pd.DataFrame, to_markdown: ToMarkdown, cell: Callable[[Any], str]) -> Prepared:
    markdown = frame if to_markdown is None else to_markdown(frame)
    table = pa.Table.from_pandas(markdown, preserve_index=False)
    return table, cards_markdown(frame, cell) if not frame.empty else ""


def table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """ui.table with working links: a small table static (Find reads it, long
    text wraps, cards on a phone), a larger one a grid with LinkColumns. The
    cells are Markdown already (md, linked)."""
    if len(frame) <= STATIC_TABLE_ROWS:
        static_table(frame, None, str)
    else:
        dataframe(frame, hide_index=True, width="stretch")
    if caption:
        st.caption(caption)


def table_or_say(rows: Sequence[Mapping[str, Any]], to_frame: Any, none_text: str) -> None:
    """`table(to_frame(rows))`, or when there are no rows, `none_text` in an info box."""
    if rows:
        table(to_frame(rows))
    else:
        st.info(none_text)


def forget_stale_choice(param: str, options: Mapping[str, Any]) -> None:
    """ui.url_choice keys its select box by the URL parameter (url_<param>),
    and another page may use the same parameter with other values (the
    Overview's programme filter holds None for "all programmes"). A page
    opened from such a page would inherit that value; forget it, so the
    URL (or the page's default) decides."""
    key = f"url_{param}"
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def linked(
    frame: pd.DataFrame,
    rows: Sequence[Mapping[str, Any]],
    columns: Mapping[str, tuple[str, str]] = COLUMNS,
) -> pd.DataFrame:
    """`frame` (one line per row of `rows`) with the named columns' text made
    links: {"Pilot": ("pilot", "pilot_id")} links each Pilot cell to the page
    of its row's pilot_id. Other text cells are escaped (st.table renders
    Markdown). A row without the id keeps its text."""
    out = frame.copy()
    for column in out.columns:
        if column in columns:
            kind, id_key = columns[column]
            out[column] = [md(kind, r.get(id_key), text) for r, text in zip(rows, out[column], strict=True)]
        elif pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = [escape_md(v) if isinstance(v, str) else v for v in out[column]]
    return out


def place_trail(hierarchy: Sequence[Mapping[str, Any]], place: Mapping[str, Any]) -> str:
    """The breadcrumb 'United Kingdom › England › … › Liverpool', each place above a link."""
    above = sorted((h for h in hierarchy if h["relation"] == "within"), key=lambda h: -int(h["depth"]))
    return " › ".join([*(md("place", h["place_id"], h["name"]) for h in above), escape_md(place["name"])])


def place_children(hierarchy: Sequence[Mapping[str, Any]]) -> str | None:
    """'Croxteth (neighbourhood), …' with each place a link; None when it contains none."""
    below = [h for h in hierarchy if h["relation"] == "contains"]
    if not below:
        return None
    return ", ".join(f"{md('place', h['place_id'], h['name'])} ({escape_md(h['kind'])})" for h in below)
