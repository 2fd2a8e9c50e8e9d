"""Key checks: the header's column names, ids repeated within a file or
already in the database, references to rows that do not exist, and the
templates' example rows (ids starting `example-`), which are never data."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from fivebarriers.data import tables
from fivebarriers.data.arrow_text import as_text, may_contain
from fivebarriers.data.hints import suggest
from fivebarriers.data.problems import Problem, problems_where, shown

# Every template's example row carries this at the start of its ids; the
# loader refuses such rows, so a template loaded unchanged publishes nothing.
EXAMPLE_PREFIX = "example-"


def _np(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


def id_columns(table: str, columns) -> list[str]:
    return [c for c in columns if c.endswith("_id") and c in tables.user_columns(table)]


def example_rows(table: str, f: pd.DataFrame) -> list[Problem]:
    """One problem per row whose ids start with `example-`."""
    mask = np.zeros(len(f), dtype=bool)
    first_column: list[str | None] = [None] * len(f)
    for column in id_columns(table, f.columns):
        arr, _ = as_text(f[column])
        if not may_contain(arr, EXAMPLE_PREFIX.encode()):
            continue
        hit = _np(pc.starts_with(pc.utf8_lower(pc.utf8_trim_whitespace(arr)), EXAMPLE_PREFIX))
        for i in np.flatnonzero(hit & ~mask):
            first_column[i] = column
        mask |= hit

    def message(i: int) -> str:
        column = first_column[i]
        return (
            f"this is the template's example row ({column} '{shown(f[column].iloc[i])}'): "
            "replace it with your own data, or delete the row"
        )

    problems = problems_where(table, pd.Series(mask, index=f.index), None, message)
    for k, p in enumerate(problems):  # name the column that carries the marker
        if p.row is not None:
            problems[k] = Problem(p.table, p.row, first_column[f.index.get_loc(p.row)], p.message)
    return problems


def _duplicated(f: pd.DataFrame, key: list[str]) -> pd.Series:
    if len(key) == 1:
        values, _ = as_text(f[key[0]])
        # Fast path: a million distinct ids need no per-row hashing in pandas.
        if len(pc.unique(values)) == len(values):
            return pd.Series(False, index=f.index)
    return f.duplicated(subset=key, keep="first")


def duplicate_keys(table: str, f: pd.DataFrame, name_rows: bool = False) -> list[Problem]:
    """Rows repeating an earlier row's key. With `name_rows`, the message
    names the earlier row by its index label (ingest: the spreadsheet row)."""
    key = list(tables.PRIMARY_KEYS[table])
    if not set(key) <= set(f.columns):
        return []
    dup = _duplicated(f, key)
    if not dup.any():
        return []
    first: dict[tuple, int] = {}
    if name_rows:
        keyed = f[key].itertuples(index=True, name=None)
        dup_keys = set(f.loc[dup, key].itertuples(index=False, name=None))
        for label, *values in keyed:
            if tuple(values) in dup_keys:
                first.setdefault(tuple(values), label)

    def message(i: int) -> str:
        values = tuple(f[k].iloc[i] for k in key)
        shown = ", ".join(str(v) for v in values)
        if name_rows and values in first:
            return f"{' + '.join(key)} '{shown}' is also on row {first[values]}: each row needs its own"
        return f"duplicate key {shown}: each row needs its own"

    return problems_where(table, dup, key[0], message)


def existing_keys(table: str, f: pd.DataFrame, clashes: pd.DataFrame) -> list[Problem]:
    """Rows whose key is already in the database. `clashes` holds those keys
    and the batch_id that loaded them (null for curated rows)."""
    key = list(tables.PRIMARY_KEYS[table])
    if clashes.empty:
        return []
    batch_of = {tuple(r[:-1]): r[-1] for r in clashes[[*key, "batch_id"]].itertuples(index=False, name=None)}
    present = pd.Series(
        [tuple(v) in batch_of for v in f[key].itertuples(index=False, name=None)], index=f.index
    )

    def message(i: int) -> str:
        values = tuple(f[k].iloc[i] for k in key)
        batch = batch_of.get(values)
        shown = ", ".join(str(v) for v in values)
        named = f"{' + '.join(key)} '{shown}'"
        if isinstance(batch, str) and batch:
            return (
                f"{named} is already in the database (loaded in batch {batch}): "
                "give a new id, or undo that batch first"
            )
        return f"{named} is already in the database (in the curated data): give a new id"

    return problems_where(table, present, key[0], message)


def foreign_keys(table: str, f: pd.DataFrame, known: Mapping[str, set[str]]) -> list[Problem]:
    """Every reference must name a key in `known` (parent table -> keys)."""
    p: list[Problem] = []
    for (child, column), (parent, _) in tables.FOREIGN_KEYS.items():
        if child != table or column not in f.columns:
            continue
        values = f[column]
        pool = known.get(parent, set())
        arr, _ = as_text(values)
        inside = pc.is_in(arr, value_set=pa.array(sorted(pool), type=pa.string()))
        unknown = _np(pc.and_(pc.is_valid(arr), pc.invert(pc.fill_null(inside, False))))
        if unknown.any():  # an example id is reported once, as the example it is
            unknown &= ~_np(pc.starts_with(pc.utf8_lower(pc.cast(arr, pa.large_string())), EXAMPLE_PREFIX))
        bad = pd.Series(unknown, index=f.index)
        noun = parent[:-1] if parent.endswith("s") else parent

        def message(i: int, v=values, par=parent, noun=noun, pool=pool) -> str:
            guess = suggest(str(v.iloc[i]), pool)
            did = f" (did you mean '{guess}'?)" if guess else ""
            return f"unknown {noun} '{shown(v.iloc[i])}': it must already exist in {par}{did}"

        p += problems_where(table, bad, column, message)
    return p


def header_problems(table: str, header: list[str]) -> list[Problem]:
    """Missing, unknown and misspelt column names (row 1 of the file)."""
    expected = tables.user_columns(table)
    present = set(header)
    missing = [c for c in expected if c not in present]
    problems: list[Problem] = []
    for name in header:
        if name in expected:
            continue
        if name in tables.SYSTEM_COLUMNS:
            problems.append(
                Problem(table, 1, name, f"{name} is filled in by the program: delete this column")
            )
            continue
        guess = suggest(name, missing)
        if guess:
            problems.append(
                Problem(table, 1, name, f"unknown column '{shown(name)}': did you mean '{guess}'?")
            )
            missing.remove(guess)
        else:
            problems.append(
                Problem(table, 1, name, f"unknown column '{shown(name)}' for {table}: delete it or rename it")
            )
    for name in missing:
        problems.append(
            Problem(
                table,
                1,
                name,
                f"column {name} is missing: add it (the template for {table}, on the Add data page "
                f"or from `fivebarriers template {table}`, has every column)",
            )
        )
    return problems
