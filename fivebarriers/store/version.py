"""Which release made a database, and whether this one can read it.

`build` and `upgrade` record in build_info the schema version (an integer,
raised by hand when schema.sql or views.sql change in a way that matters)
and the fingerprint of schema.sql + views.sql. A database whose fingerprint
differs was made by another release: the app says to run `fivebarriers
upgrade` (which rebuilds the schema and copies every row, every load and its
history across) instead of failing on a missing table or column. The
release of 28 November 2026 recorded no version: it is version 1."""

from __future__ import annotations

import hashlib

import duckdb

from fivebarriers import queries
from fivebarriers.store import schema
from fivebarriers.store.target import BackendError

SCHEMA_VERSION = 5  # 5: workshop_answers (what a workshop's room answered, loaded like any table);
# pilots.dates_note (what the source says about timing it gives no dates for: audit N11)
# (4: sources and source_sections carry batch_id (analysts load them); results say
# how the goal is compared and how strong their evidence is; loads record their loader version)
# (3: the search index keeps counts, not scores (incremental updates))
FIRST_VERSION = 1  # databases that record no version


class OutdatedDatabase(BackendError):
    """The database was made by another release; the message says what to run."""


def fingerprint() -> str:
    # The search index's shape counts too: search_hits.sql reads it.
    return hashlib.sha256(
        schema.ddl().encode() + schema.views().encode() + queries.sql("search_index_create").encode()
    ).hexdigest()


def stored(con: duckdb.DuckDBPyConnection) -> tuple[int, str | None]:
    """(schema version, fingerprint) recorded in the database; (1, None) if neither."""
    try:
        version, sha = con.execute(queries.sql("schema_version")).fetchone()
    except duckdb.CatalogException:  # no build_info at all: older than any release
        return FIRST_VERSION, None
    try:
        number = int(version) if version is not None else FIRST_VERSION
    except ValueError:
        number = FIRST_VERSION
    return number, sha


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Recorded at this version with this schema: `upgrade` has nothing to do."""
    return stored(con) == (SCHEMA_VERSION, fingerprint())


def problem(con: duckdb.DuckDBPyConnection, label: str) -> str | None:
    """Why this release cannot read the database as it is, or None. The
    schema's fingerprint is what counts, not the number beside it:
    - the same fingerprint is read as it is, whatever number the file records
      (none, from the first release or `synth`; `upgrade` still records it);
    - a higher number: made by a newer release, so the app must be updated;
    - otherwise (a lower number, or the same number with other definitions,
      as a development build between two releases makes): run `upgrade`."""
    number, sha = stored(con)
    if sha == fingerprint():
        return None
    if number > SCHEMA_VERSION:
        return (
            f"{label} was made by a newer version of Five Barriers (schema version {number}; "
            f"this one reads {SCHEMA_VERSION}): update the app"
        )
    which = (
        f"schema version {number}; this version needs {SCHEMA_VERSION}"
        if number != SCHEMA_VERSION
        else f"schema version {number}, but its tables are not the ones this version makes"
    )
    return (
        f"this database was made by an older version: run `fivebarriers upgrade` ({label}, {which}). "
        "The upgrade keeps every load and its history, and a backup of the file as it was."
    )


def build_info_rows() -> dict[str, str]:
    """What build and upgrade record about the schema."""
    return {"schema_version": str(SCHEMA_VERSION), "schema_sha256": fingerprint()}
