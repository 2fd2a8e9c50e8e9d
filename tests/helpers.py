"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from fivebarriers.store import schema


def table_checksums(db: Path) -> dict[str, str]:
    """A checksum of every table's rows (order-independent), for 'nothing changed' assertions."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in schema.TABLE_ORDER:
            rows = sorted(repr(r) for r in con.table(table).fetchall())
            out[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return out
    finally:
        con.close()
