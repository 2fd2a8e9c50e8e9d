"""What the schema cannot say by itself: keys, foreign keys and allowed values
of each table, shared by the build, `check`, ingest and the templates.
Column names, types and NOT NULL come from schema.sql itself (see
`column_specs`), so they are written down once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import duckdb

from fivebarriers import evidence
from fivebarriers.store import schema

QUALIFIERS = ("exactly", "over", "at least", "about", "under", "up to")

# What a department did in a pilot, strongest first: led it, worked on it as a
# partner, held talks or gave help (engaged), or is only named in its story.
DEPARTMENT_ROLES = ("lead", "partner", "engaged", "named")

# How much weight a result's figure can bear (fivebarriers/evidence.py).
EVIDENCE_STRENGTHS = evidence.STRENGTHS

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id",),
    "source_sections": ("source_id", "section"),
    "barriers": ("barrier_id",),
    "recommendations": ("recommendation_id",),
    "departments": ("department_id",),
    "places": ("place_id",),
    "programmes": ("programme_id",),
    "programme_places": ("programme_id", "place_id"),
    "pilots": ("pilot_id",),
    "pilot_barriers": ("pilot_id", "barrier_id", "role"),
    "pilot_departments": ("pilot_id", "department_id"),
    "outputs": ("output_id",),
    "barrier_evidence": ("evidence_id",),
    "funding_flows": ("flow_id",),
    "context_figures": ("figure_id",),
    "workshop_answers": ("session_id", "question_id", "option"),
}

# (table, column) -> (parent table, parent key column)
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("source_sections", "source_id"): ("sources", "source_id"),
    ("barriers", "source_id"): ("sources", "source_id"),
    ("recommendations", "barrier_id"): ("barriers", "barrier_id"),
    ("recommendations", "source_id"): ("sources", "source_id"),
    ("departments", "successor_id"): ("departments", "department_id"),
    ("departments", "source_id"): ("sources", "source_id"),
    ("departments", "history_source_id"): ("sources", "source_id"),
    ("places", "parent_id"): ("places", "place_id"),
    ("places", "source_id"): ("sources", "source_id"),
    ("places", "geo_source_id"): ("sources", "source_id"),
    ("programmes", "lead_department_id"): ("departments", "department_id"),
    ("programmes", "source_id"): ("sources", "source_id"),
    ("programme_places", "programme_id"): ("programmes", "programme_id"),
    ("programme_places", "place_id"): ("places", "place_id"),
    ("programme_places", "source_id"): ("sources", "source_id"),
    ("pilots", "programme_id"): ("programmes", "programme_id"),
    ("pilots", "place_id"): ("places", "place_id"),
    ("pilots", "source_id"): ("sources", "source_id"),
    ("pilot_barriers", "pilot_id"): ("pilots", "pilot_id"),
    ("pilot_barriers", "barrier_id"): ("barriers", "barrier_id"),
    ("pilot_barriers", "source_id"): ("sources", "source_id"),
    ("pilot_departments", "pilot_id"): ("pilots", "pilot_id"),
    ("pilot_departments", "department_id"): ("departments", "department_id"),
    ("pilot_departments", "source_id"): ("sources", "source_id"),
    ("outputs", "pilot_id"): ("pilots", "pilot_id"),
    ("outputs", "source_id"): ("sources", "source_id"),
    ("barrier_evidence", "barrier_id"): ("barriers", "barrier_id"),
    ("barrier_evidence", "place_id"): ("places", "place_id"),
    ("barrier_evidence", "programme_id"): ("programmes", "programme_id"),
    ("barrier_evidence", "pilot_id"): ("pilots", "pilot_id"),
    ("barrier_evidence", "source_id"): ("sources", "source_id"),
    ("funding_flows", "from_department_id"): ("departments", "department_id"),
    ("funding_flows", "to_place_id"): ("places", "place_id"),
    ("funding_flows", "programme_id"): ("programmes", "programme_id"),
    ("funding_flows", "source_id"): ("sources", "source_id"),
    ("context_figures", "place_id"): ("places", "place_id"),
    ("context_figures", "programme_id"): ("programmes", "programme_id"),
    ("context_figures", "source_id"): ("sources", "source_id"),
    ("workshop_answers", "place_id"): ("places", "place_id"),
    ("workshop_answers", "barrier_id"): ("barriers", "barrier_id"),
}

ALLOWED: dict[tuple[str, str], tuple[str, ...]] = {
    ("sources", "kind"): ("guidance", "briefing", "article", "reference", "synthetic", "analyst"),
    ("pilots", "scope"): ("pilot", "case study", "programme-wide"),
    ("pilot_barriers", "role"): ("addressed", "faced"),
    ("pilot_barriers", "basis"): ("stated in source", "our reading"),
    ("pilot_departments", "role"): DEPARTMENT_ROLES,
    ("outputs", "kind"): ("achieved", "expected"),
    ("outputs", "status"): ("reported", "not reported"),
    ("outputs", "qualifier"): QUALIFIERS,
    ("outputs", "target_qualifier"): QUALIFIERS,
    ("outputs", "evidence_strength"): EVIDENCE_STRENGTHS,
    ("barrier_evidence", "value_qualifier"): QUALIFIERS,
    ("barrier_evidence", "basis"): ("stated in source", "our reading"),
    ("funding_flows", "status"): ("reported", "not reported"),
    ("funding_flows", "flow_kind"): ("paid", "planned", "ring-fenced"),
    ("funding_flows", "amount_qualifier"): QUALIFIERS,
    ("context_figures", "qualifier"): QUALIFIERS,
}

# Tables an analyst may load (`fivebarriers template`, `ingest`, upload page).
INGESTABLE: tuple[str, ...] = (
    "outputs",
    "pilots",
    "places",
    "barrier_evidence",
    "programmes",
    "pilot_barriers",
    "pilot_departments",
    "sources",
    "source_sections",
    "workshop_answers",
)

# A batch loaded from a workbook with one sheet per table records its tables
# in ingest_batches.table_name joined by this ("sources, source_sections, outputs").
BATCH_TABLES_SEPARATOR = ", "

# Columns added after analysts' templates were in use: a file without them
# still loads (they stay empty), so existing spreadsheets keep working.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "outputs": (
        "goal_same_measure",
        "goal_measure",
        "disputed_note",
        "source_compares_goal",
        "source_judgement",
        "goal_caveat",
        # Every loaded row needs these two, but a file from an older template
        # still reads: `check` then refuses the load and says what to add.
        "evidence_strength",
        "evidence_basis",
    ),
    "barrier_evidence": ("basis", "disputed_note"),
    "pilots": ("dates_note",),
}

# Columns the program fills, never the analyst.
SYSTEM_COLUMNS: frozenset[str] = frozenset({"batch_id"})


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type name: VARCHAR, DOUBLE, INTEGER, BIGINT, DATE, BOOLEAN, TIMESTAMP
    required: bool


@cache
def column_specs() -> dict[str, tuple[Column, ...]]:
    """Every table's columns, read from the DDL in a throwaway in-memory DB."""
    con = duckdb.connect()
    try:
        con.execute(schema.ddl())  # the tables alone: views and comments would cost 0.1 s more
        rows = con.execute(
            "select table_name, column_name, data_type, is_nullable "
            "from information_schema.columns "
            "where table_schema = 'main' order by table_name, ordinal_position"
        ).fetchall()
    finally:
        con.close()
    specs: dict[str, list[Column]] = {}
    for table, name, dtype, nullable in rows:
        specs.setdefault(table, []).append(Column(name, dtype, nullable == "NO"))
    return {table: tuple(cols) for table, cols in specs.items() if table in PRIMARY_KEYS}


def user_columns(table: str) -> list[str]:
    """The columns a CSV of this table carries (system columns excluded)."""
    return [c.name for c in column_specs()[table] if c.name not in SYSTEM_COLUMNS]


def batch_label(names: list[str] | tuple[str, ...]) -> str:
    """How a batch of these tables is named (ingest_batches.table_name)."""
    return BATCH_TABLES_SEPARATOR.join(names)


def batch_table_names(label: str) -> list[str]:
    """The tables of a batch from its label: one name, or several joined by
    BATCH_TABLES_SEPARATOR, in load order (parents first)."""
    return [name.strip() for name in label.split(",") if name.strip()]
