"""When the data last changed, in words: the later of the curated data's
date (recorded by `build`) and the latest analyst load or undo. Pure
functions, so the footer, the charts' "About this data" and the What changed
page all say the same day without importing each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd


def date_text(value: dt.date | dt.datetime) -> str:
    """GOV.UK style: 28 November 2026."""
    return f"{value.day} {value:%B %Y}"


def timestamp(value: Any) -> dt.datetime | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).to_pydatetime()


def last_changed(row: Mapping[str, Any], fallback: dt.datetime | None = None) -> dt.date | None:
    """The later of the curated data's date and the latest load or undo.
    A database built before `build` recorded its date falls back to when
    the data was last written (`fallback`)."""
    curated = timestamp(row.get("curated_changed"))
    load = timestamp(row.get("last_load"))
    known = [t for t in (curated, load) if t is not None]
    if curated is None and fallback is not None:
        known.append(fallback)
    return max(known).date() if known else None
