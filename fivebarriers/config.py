"""Where things live. One environment variable, FIVEBARRIERS_DB, points every
part of the product (app, CLI, tests, benchmarks) at a database file, or at a
DuckLake (see fivebarriers/store/backend.py)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_DB = DATA_DIR / "fivebarriers.duckdb"
ENV_DB = "FIVEBARRIERS_DB"
# Where a DuckLake's Parquet files live (FIVEBARRIERS_DB=ducklake:postgres:...);
# fivebarriers/store/backend.py is the only reader of both for the lake.
ENV_DATA_PATH = "FIVEBARRIERS_DATA_PATH"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: an explicit path wins, then FIVEBARRIERS_DB, then the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DB)
    return Path(env) if env else DEFAULT_DB


# The dashboard's address as phones in a workshop reach it (for the room's join
# address and QR code), e.g. https://fivebarriers.example.org. Unset, the
# presenter's own browser address is used, which is right unless the
# presenter uses a local address (localhost) the room cannot reach.
ENV_PUBLIC_URL = "FIVEBARRIERS_PUBLIC_URL"


def public_url() -> str | None:
    value = os.environ.get(ENV_PUBLIC_URL, "").strip()
    return value.rstrip("/") or None
