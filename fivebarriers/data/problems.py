"""What every check returns: a Problem names the table, the row as the
analyst sees it, the column and what to do. Shared by the readers, the cell
checks, the row rules and the key checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

# A row of None marks a problem with the file, not with one row.
MAX_PROBLEMS_PER_RULE = 50


@dataclass(frozen=True)
class Problem:
    table: str
    row: int | None
    column: str | None
    message: str

    def where(self, file: str | None = None, line: int | None = None) -> str:
        parts = [file or self.table]
        if line is not None:
            parts.append(f"line {line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


Message = str | Callable[[int], str]


def problems_where(
    table: str, mask: pd.Series | np.ndarray, column: str | None, message: Message
) -> list[Problem]:
    """One Problem per True in `mask` (at most MAX_PROBLEMS_PER_RULE, then a count).
    A callable message gets the row's position; the Problem gets its index label."""
    values = mask.to_numpy(dtype=bool, na_value=False) if isinstance(mask, pd.Series) else np.asarray(mask)
    positions = np.flatnonzero(values)
    labels = mask.index if isinstance(mask, pd.Series) else None
    out = []
    for i in positions[:MAX_PROBLEMS_PER_RULE]:
        text = message(int(i)) if callable(message) else message
        row = int(labels[i]) if labels is not None else int(i)
        out.append(Problem(table, row, column, text))
    if len(positions) > MAX_PROBLEMS_PER_RULE:
        out.append(
            Problem(
                table,
                None,
                column,
                f"{len(positions) - MAX_PROBLEMS_PER_RULE} more rows have the same problem",
            )
        )
    return out


def fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04X}"


def shown(text: object, limit: int = 40) -> str:
    """A cell as quoted in a message: at most `limit` characters, and any
    invisible or unprintable character written as its code (\\u0000), so a
    message never carries a raw control byte, a bidi override or a
    character an export cannot hold."""
    s = str(text)
    s = s if len(s) <= limit else s[: limit - 1] + "…"
    s = _INVISIBLE.sub(_escape, s)
    if any(unicodedata.category(c) == "Cn" for c in s):
        s = "".join(f"\\u{ord(c):04X}" if unicodedata.category(c) == "Cn" else c for c in s)
    return s
