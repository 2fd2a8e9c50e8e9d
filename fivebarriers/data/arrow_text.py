"""Columns of text as Arrow arrays, and cheap byte-level tests on them:
the building blocks validate.convert checks a million cells with."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def as_text(series: pd.Series) -> tuple[pa.Array | pa.ChunkedArray, np.ndarray]:
    """The column as Arrow text, and the rows whose text had to be repaired
    (a lone surrogate, which UTF-8 cannot hold). Anything that is not text
    (a number from a test, None) is written as text first."""
    try:
        arr = pa.array(series, from_pandas=True)
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            return arr, np.zeros(len(series), dtype=bool)
        if pa.types.is_null(arr.type):
            return pa.nulls(len(series), pa.large_string()), np.zeros(len(series), dtype=bool)
    except (pa.ArrowException, UnicodeError, TypeError, ValueError, OverflowError):
        pass
    broken = np.zeros(len(series), dtype=bool)
    cells: list[str | None] = []
    for i, value in enumerate(series.tolist()):
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
            cells.append(None)
            continue
        text = value if isinstance(value, str) else str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            broken[i] = True
            text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        cells.append(text)
    return pa.array(cells, type=pa.large_string()), broken


def arrow_text(series: pd.Series) -> tuple[pa.Array | pa.ChunkedArray, np.ndarray]:
    """Trimmed text with null for empty cells (and the repaired rows).
    Chunks are kept as they come (combining them copies every byte)."""
    arr, broken = as_text(series)
    trimmed = _trimmed(arr)
    return null_where(trimmed, np_mask(pc.equal(trimmed, ""))), broken


def _trimmed(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """`arr` without leading and trailing white space. When no cell had any
    (most columns of most files), `arr` itself: its buffers stay shared with
    the file's frame instead of a second copy of every byte (at 1,000,000
    rows of outputs, 400 MB of the load's peak memory)."""
    trimmed = pc.utf8_trim_whitespace(arr)
    if len(arr) and pc.all(pc.equal(pc.binary_length(trimmed), pc.binary_length(arr))).as_py() is not False:
        return arr
    return trimmed


def null_where(arr: pa.Array | pa.ChunkedArray, mask: np.ndarray) -> pa.Array | pa.ChunkedArray:
    """`arr` with nulls where `mask` is True (if_else costs 80 ms a column at 1M rows)."""
    if not mask.any():
        return arr
    if isinstance(arr, pa.ChunkedArray):
        chunks, start = [], 0
        for chunk in arr.chunks:
            chunks.append(null_where(chunk, mask[start : start + len(chunk)]))
            start += len(chunk)
        return pa.chunked_array(chunks, type=arr.type)
    if arr.offset or arr.null_count:
        return pc.if_else(pa.array(mask), pa.scalar(None, arr.type), arr)
    validity = pa.array(~mask).buffers()[1]
    return pa.Array.from_buffers(arr.type, len(arr), [validity, *arr.buffers()[1:]])


# Bytes that may not appear in a text cell (tab, newline and return may).
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# UTF-8 lead bytes of the unexportable characters: C1 controls (C2 80-9F),
# U+FDD0-U+FDEF (EF B7 ..), and every U+nFFFE/U+nFFFF (.. BF BE, .. BF BF).
_UNEXPORTABLE_HINTS = (b"\xc2", b"\xef\xb7", b"\xbf\xbe", b"\xbf\xbf")


def _buffers(arr: pa.Array | pa.ChunkedArray) -> Iterable[bytes]:
    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        data = chunk.buffers()[2]
        if data is not None:
            yield data.to_pybytes()


def has_control_bytes(arr: pa.Array | pa.ChunkedArray) -> bool:
    # bytes.translate deleting every allowed byte is a C loop: ~5 ms for 30 MB.
    return any(data.translate(None, _OTHER_BYTES) for data in _buffers(arr))


def may_hold_unexportable(arr: pa.Array | pa.ChunkedArray) -> bool:
    """Cheap: an ASCII chunk (most files) is skipped by one C scan."""
    return any(
        not data.isascii() and any(hint in data for hint in _UNEXPORTABLE_HINTS) for data in _buffers(arr)
    )


def may_contain(arr: pa.Array | pa.ChunkedArray, needle: bytes) -> bool:
    """Whether any cell might contain `needle` (lower-case ASCII), in any case."""
    return any(needle in data.lower() for data in _buffers(arr))


def np_mask(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)
