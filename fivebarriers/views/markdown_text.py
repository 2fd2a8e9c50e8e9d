"""Text from the data, made safe for Streamlit's Markdown (escape_md).

A bottom module of the views: ui, links and the chart panel all escape text,
and none of them may import another that imports it back."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# A backslash escapes any ASCII punctuation in CommonMark. These characters
# start something anywhere in a line: links and images, emphasis, code, HTML
# and entities, tables, and Streamlit's own :red[…], :material/…: and $maths$.
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+.!|<>~$:&^@=])")
# A hyphen starts a block only at the start of a line (a list, a thematic
# break, a setext heading): escaping it there is enough, so ordinary text such
# as "-2" or "2021-2023" keeps its look in copies and tests.
_LINE_START_SPECIALS = re.compile(r"(?m)^([ \t]*)(?:([-.])|(\d+)([.]))")
# GitHub-flavoured autolinks (www.x, http://x, a@b.c) and Streamlit's icon and
# emoji codes (:material/warning:, :smile:) are found in the text after escapes
# are resolved, so a backslash does not stop them: a WORD JOINER (U+2060,
# invisible, no width) between the parts does.
_AUTOLINK_PARTS = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=[:.])|(?<=@)|(?<=:)(?=\w)")
_WORD_JOINER = "\u2060"


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, digits, dot = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{digits}\\{dot}"


def escape_md(text: Any) -> str:
    """Text from a URL, a file or the database, made safe for every element
    that renders Markdown (st.markdown, st.caption, st.subheader, st.info,
    st.table cells, widget labels): it shows as the same characters, and no
    link, image, colour, icon, heading, list, maths or HTML can come of it."""
    text = str(text)
    return _escaped(text) if len(text) <= CACHED_UP_TO else _escape(text)


# Pages escape the same names on every rerun (a map's table: 1,800 places,
# 3,600 calls and 14,000 regex passes, about a third of the Places page's
# rerun at 10M outputs): remember the answers for short texts, the names from
# the data. Longer texts (messages that quote a URL, summaries) are escaped
# each time: anything a visitor can vary must not be kept, or distinct long
# values would hold memory for good (security review 2026-12-06, finding 4).
# The cache holds at most CACHE_ENTRIES texts of CACHED_UP_TO characters and
# their escaped copies (at most twice as long, 4 bytes a character): 48 MB
# at the very worst, a few MB for real names.
CACHED_UP_TO = 120
CACHE_ENTRIES = 1 << 15


@lru_cache(maxsize=CACHE_ENTRIES)
def _escaped(text: str) -> str:
    return _escape(text)


def _escape(text: str) -> str:
    joined = _AUTOLINK_PARTS.sub(lambda m: (m.group(1) or "") + _WORD_JOINER, text)
    escaped = _INLINE_SPECIALS.sub(r"\\\1", joined)
    return _LINE_START_SPECIALS.sub(_escape_line_start, escaped)
