"""Where the data lives, and the few things every backend module shares:
the Target (a file path or a DuckLake URL), how it is resolved from the
environment, the one error type that is safe to show, and password masking."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from fivebarriers.config import DEFAULT_DB, ENV_DATA_PATH, ENV_DB

LAKE_PREFIX = "ducklake:"
POSTGRES_PREFIX = "ducklake:postgres:"
LAKE_ALIAS = "lake"  # queries/lake_*.sql name the attached catalog `lake`
FILE_ALIAS = "fivebarriers"  # a reader's attached database file

# Two cores here and in CI: leave one for Streamlit's own work. The memory cap
# keeps a 10M-row database well inside the app's 1.5 GiB budget.
READER_SETTINGS = {"threads": 2, "memory_limit": "1GB"}
# Without these DuckDB fetches extensions from the internet on ATTACH 'ducklake:…'.
NO_FETCH = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class BackendError(Exception):
    """The database cannot be reached or is not there; the message is safe to show."""


@dataclass(frozen=True)
class Target:
    """Where the data lives: a file path, or a DuckLake URL plus its data path."""

    url: str
    data_path: str | None = None

    @property
    def is_lake(self) -> bool:
        return self.url.startswith(LAKE_PREFIX)

    @property
    def path(self) -> Path:
        if self.is_lake:
            raise BackendError("a lake has no database file")
        return Path(self.url)

    def __str__(self) -> str:
        return redact(self.url)

    def __repr__(self) -> str:  # tracebacks and test output never show a password either
        return f"Target({redact(self.url)!r}, data_path={self.data_path!r})"


def resolve(explicit: Target | str | os.PathLike[str] | None = None) -> Target:
    """An explicit target wins, then FIVEBARRIERS_DB, then data/fivebarriers.duckdb."""
    if isinstance(explicit, Target):
        return explicit
    raw = os.fspath(explicit) if explicit else os.environ.get(ENV_DB) or str(DEFAULT_DB)
    if raw.startswith(LAKE_PREFIX):
        if not raw.startswith(POSTGRES_PREFIX):
            raise BackendError(f"{redact(raw)}: only ducklake:postgres:<conninfo> catalogs are supported")
        return Target(raw, os.environ.get(ENV_DATA_PATH) or None)
    return Target(raw)


def is_lake(target: Target | str | os.PathLike[str] | None = None) -> bool:
    return resolve(target).is_lake


_SECRET = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
_URI_SECRET = re.compile(r"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]+@")


def redact(text: str) -> str:
    """`text` with any password in a conninfo or postgres:// URI masked."""
    return _URI_SECRET.sub(r"\1***@", _SECRET.sub(r"\1***", text))


def sql_literal(text: str) -> str:
    # LOAD and ATTACH take no prepared parameters; these strings are our own
    # package paths and the operator's FIVEBARRIERS_DB / FIVEBARRIERS_DATA_PATH.
    return "'" + text.replace("'", "''") + "'"


def safe_error(exc: duckdb.Error, what: str) -> BackendError:
    first = redact(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return BackendError(f"{what}: {first}")


def attach_files(con: duckdb.DuckDBPyConnection, attach: Mapping[str, Path]) -> None:
    """Attach database files read-only under the given aliases (migrate reads its source so)."""
    for alias, path in attach.items():
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", alias) or alias == LAKE_ALIAS:
            raise ValueError(f"bad alias {alias!r}")
        if not Path(path).exists():
            raise BackendError(f"no database at {path}")
        con.execute("attach " + sql_literal(str(path)) + " as " + alias + " (read_only)")
