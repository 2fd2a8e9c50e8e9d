"""A large load keeps one copy of the file's text (issue 28, item 5): a
column with nothing to trim is checked and stored from the very buffers the
reader filled; only a column with white space to trim is copied."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from fivebarriers.data.arrow_text import arrow_text


def _data_address(arr: pa.Array | pa.ChunkedArray) -> int:
    chunk = arr.chunks[0] if isinstance(arr, pa.ChunkedArray) else arr
    return chunk.buffers()[2].address


def test_a_column_with_nothing_to_trim_is_not_copied() -> None:
    column = pd.Series(["Tenancies sustained", "", "Jobs\u00a0found"], dtype="str")
    source = pa.array(column, from_pandas=True)
    text, broken = arrow_text(column)
    assert text.to_pylist() == ["Tenancies sustained", None, "Jobs\u00a0found"]
    assert not broken.any()
    assert _data_address(text) == _data_address(source)


def test_white_space_around_a_cell_is_still_trimmed() -> None:
    for padded in (" a", "a\t", "\u00a0a", "a\u2003"):  # Unicode spaces too, as before
        column = pd.Series(["b", padded, "  "], dtype="str")
        text, _ = arrow_text(column)
        assert text.to_pylist() == ["b", "a", None], padded
