"""Templates for the tables an analyst may load, as CSV and as an Excel
workbook: the header and one example row. The example is valid in every
respect but its ids, which start with `example-`: the loader refuses such a
row, so a template loaded unchanged publishes nothing.

The workbook also carries what a spreadsheet can check as the analyst types:
the allowed words of a column (kind, status, qualifier...) as a drop-down
list that refuses anything else, and, when given, the ids that already exist
(pilots, places, sources...) as a drop-down that warns."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence

from fivebarriers.data import tables
from fivebarriers.data.keys import EXAMPLE_PREFIX

__all__ = [
    "EXAMPLES",
    "EXAMPLE_PREFIX",
    "REPORT_EXAMPLES",
    "report_workbook_xlsx",
    "template",
    "template_xlsx",
]

EXAMPLES: dict[str, dict[str, str]] = {
    "outputs": {
        "output_id": "example-ghh-wave2-people-helped",
        "pilot_id": "good-help-hub",
        "measure": "People who used the Hub to ask about public services (second wave)",
        "unit": "people",
        "baseline": "",
        "target_low": "200",
        "target_high": "250",
        "target_qualifier": "",
        "actual": "310",
        "qualifier": "over",
        "kind": "achieved",
        "status": "reported",
        "period_end": "2024-03-31",
        "note": "Example row: replace with your own figures.",
        "goal_same_measure": "true",
        "goal_measure": "",
        "disputed_note": "",
        "source_compares_goal": "",
        "source_judgement": "",
        "goal_caveat": "",
        "evidence_strength": "reported by the programme",
        "evidence_basis": "Example: the pilot's own count, as the guidance reports it (section and quote).",
        "source_id": "pfpp-guidance-2024",
        "locator": "Annex: Structures - Pilot success",
    },
    "pilots": {
        "pilot_id": "example-wakefield-pilot",
        "name": "Example pilot, Wakefield",
        "programme_id": "pfpp",
        "place_id": "wakefield",
        "scope": "pilot",
        "start_date": "2021-02-01",
        "end_date": "2023-03-31",
        "summary": "One or two sentences in your own words on what the pilot did.",
        "source_id": "pfpp-guidance-2024",
        "locator": "1. Background",
    },
    "places": {
        "place_id": "example-ward",
        "name": "Example ward",
        "kind": "neighbourhood",
        "parent_id": "wakefield",
        "gss_code": "",
        "lat": "53.68",
        "lon": "-1.50",
        "source_id": "pfpp-guidance-2024",
        "locator": "1. Background",
        "geo_source_id": "ref-ons-geography",
    },
    "barrier_evidence": {
        "evidence_id": "example-ds-finding",
        "barrier_id": "data-sharing",
        "place_id": "wakefield",
        "programme_id": "pfpp",
        "pilot_id": "",
        "finding": "What was found, in your own words.",
        "value": "3",
        "value_qualifier": "exactly",
        "value_unit": "agencies",
        "denominator": "",
        "basis": "stated in source",
        "disputed_note": "",
        "source_id": "pfpp-guidance-2024",
        "locator": "2. The 5 barriers to place-based working: Barrier 4 - Data-sharing",
    },
    "programmes": {
        "programme_id": "example-programme",
        "name": "Example programme",
        "short_name": "Example",
        "start_year": "2024",
        "end_year": "",
        "period_note": "Started 2024",
        "funder": "",
        "lead_department_id": "mhclg-2024",
        "summary": "What the programme is for, in your own words.",
        "source_id": "pfpp-guidance-2024",
        "locator": "Executive summary",
    },
    "pilot_barriers": {
        "pilot_id": "example-luton-town-centre",
        "barrier_id": "structures",
        "role": "faced",
        "basis": "our reading",
        "source_id": "pfpp-guidance-2024",
        "locator": "Foreword",
    },
    "pilot_departments": {
        "pilot_id": "example-luton-town-centre",
        "department_id": "mhclg-2024",
        "role": "engaged",
        "source_id": "pfpp-guidance-2024",
        "locator": "Foreword",
    },
    "sources": {
        "source_id": "example-east-sussex-evaluation-2025",
        "title": "Example: East Sussex Good Help Hub evaluation, second wave",
        "title_supplied": "false",
        "publisher": "East Sussex County Council",
        "author": "",
        "published_date": "2025-06-30",
        "published_note": "",
        "url": "https://www.eastsussex.gov.uk/",
        "licence": "Open Government Licence v3.0",
        "kind": "analyst",
        "seed_file": "",
        "used_for": "Example row: what you took from the document, in a sentence.",
        "is_synthetic": "false",
    },
    # Loaded on its own, a section belongs to a document already in the
    # dashboard (here the PfPP guidance once the marker is taken off).
    "source_sections": {
        "source_id": "example-pfpp-guidance-2024",
        "section": "Example section heading",
        "covers": "What that part of the document holds, in a few words.",
    },
    # One row per option of the question, every option even at 0; a workshop's
    # session_id is any name for it that stays the same across its rows.
    "workshop_answers": {
        "session_id": "example-bodmin-workshop-2026-11",
        "question_id": "barrier-most",
        "question": "Which barrier holds your place back most?",
        "option": "Funding",
        "answers": "7",
        "place_id": "bodmin",
        "held_on": "2026-11-03",
        "barrier_id": "funding",
    },
}

# The workbook "a new report with its results": one example row per sheet,
# each citing the others, so the three sheets load together as one batch.
REPORT_WORKBOOK = "new_report"
REPORT_TABLES: tuple[str, ...] = ("sources", "source_sections", "outputs")
REPORT_EXAMPLES: dict[str, dict[str, str]] = {
    "sources": EXAMPLES["sources"],
    "source_sections": {
        "source_id": EXAMPLES["sources"]["source_id"],
        "section": "3. Findings",
        "covers": "The second wave's figures: people helped and their outcomes.",
    },
    "outputs": {
        **EXAMPLES["outputs"],
        "source_id": EXAMPLES["sources"]["source_id"],
        "locator": "3. Findings",
    },
}


def template(table: str) -> str:
    """CSV text: header plus one example row."""
    if table not in tables.INGESTABLE:
        raise KeyError(table)
    columns = tables.user_columns(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerow([EXAMPLES[table].get(c, "") for c in columns])
    return out.getvalue()


# Rows of the sheet the drop-down lists cover (the loader reads up to 100,000).
LIST_ROWS = 5_000
LISTS_SHEET = "allowed values"
_FORMULA_STARTS = ("=", "+", "-", "@")
_HEADER_COLOUR = "12436D"
_NOTES = (
    "How to use this workbook",
    "1. Fill in the sheet '{table}': one row per {noun}, under the column names in row 1 (keep row 1).",
    "2. Replace the example row (row 2). Its ids start with 'example-'; a row like that is never loaded.",
    "3. Columns with a drop-down accept only the words listed; ids must already exist in the dashboard.",
    "4. Type values, not formulas. Dates as 2024-03-31 (31/03/2024, Mar 2024 and Q1 2024 are read too).",
    "5. Save as .xlsx and check it on the Add data page, then load it (or send it to whoever loads data).",
)
_NOUNS = {"outputs": "result", "barrier_evidence": "finding"}


def _typed(table: str, column: str, text: str) -> object:
    """The example's text as a spreadsheet holds it: numbers as numbers, dates as dates."""
    if not text:
        return None
    kind = {c.name: c.type for c in tables.column_specs()[table]}[column]
    if kind == "DATE":
        return dt.date.fromisoformat(text)
    if kind in ("DOUBLE", "INTEGER", "BIGINT"):
        return int(text) if text.lstrip("-").isdigit() else float(text)
    return text


def _text_cell(cell, value: object) -> None:
    """A value written as text, never as a formula (an id could start with '=')."""
    cell.value = value
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"


def template_xlsx(table: str, ids: Mapping[str, Sequence[str]] | None = None) -> bytes:
    """The template as a workbook: a sheet named after the table (the loader
    picks it), a how-to sheet, and a hidden sheet of allowed values behind
    the drop-downs. `ids` maps a parent table (pilots...) to its current ids."""
    if table not in tables.INGESTABLE:
        raise KeyError(table)
    notes = [line.format(table=table, noun=_NOUNS.get(table, "row")) for line in _NOTES]
    return _workbook({table: EXAMPLES[table]}, ids, notes)


def report_workbook_xlsx(ids: Mapping[str, Sequence[str]] | None = None) -> bytes:
    """The workbook for a new report and the results that cite it: sheets
    sources, source_sections and outputs, loaded together as one batch (and
    undone together). Each example row cites the others; like every
    template, it is refused if loaded unchanged."""
    return _workbook({t: REPORT_EXAMPLES[t] for t in REPORT_TABLES}, ids, list(_REPORT_NOTES))


_REPORT_NOTES = (
    "How to use this workbook: a new report and the results that cite it",
    "1. Sheet 'sources': one row for the report: its title, publisher, licence, and address if public.",
    "2. Sheet 'source_sections': one row per section your results cite, spelt as the report spells it.",
    "3. Sheet 'outputs': one row per result; source_id is the report's id, locator one of its sections.",
    "4. Replace the example rows (row 2 of each sheet). Their ids start with 'example-': never loaded.",
    "5. The three sheets are loaded together, or not at all, and an undo takes all three out again.",
    "6. Type values, not formulas. Dates as 2024-03-31 (31/03/2024, Mar 2024 and Q1 2024 are read too).",
)


def _workbook(
    examples: Mapping[str, Mapping[str, str]], ids: Mapping[str, Sequence[str]] | None, notes: Sequence[str]
) -> bytes:
    """A sheet per table (header and example row, drop-downs), a how-to sheet
    and the hidden sheet of allowed values."""
    # openpyxl only here: every command line imports this module, and a load
    # need not pay 0.15 s for a workbook it never writes.
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    book.active.title = next(iter(examples))
    for table in list(examples)[1:]:
        book.create_sheet(table)
    lists = book.create_sheet(LISTS_SHEET)  # after the tables' sheets: they come first
    lists.sheet_state = "hidden"
    used = 0
    for table, example in examples.items():
        used = _fill_sheet(book[table], lists, used, table, example, ids, in_book=set(examples))
    how_to = book.create_sheet("how to")
    for row, line in enumerate(notes, start=1):
        how_to.cell(row=row, column=1, value=line)
    how_to["A1"].font = Font(bold=True)
    how_to.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill_sheet(
    sheet, lists, used: int, table: str, example: Mapping[str, str], ids, in_book: set[str]
) -> int:
    """Header, example row and drop-downs of one table's sheet; returns the
    number of columns of the lists sheet now in use. An id whose table is
    another sheet of the workbook (the new report's id) gets no drop-down:
    the list of ids in the dashboard would wrongly warn that it is unknown."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = tables.user_columns(table)
    for i, column in enumerate(columns, start=1):
        head = sheet.cell(row=1, column=i, value=column)
        head.font = Font(bold=True, color="FFFFFF")
        head.fill = PatternFill("solid", fgColor=_HEADER_COLOUR)
        cell = sheet.cell(row=2, column=i)
        _text_cell(cell, _typed(table, column, example.get(column, "")))
        if isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        sheet.column_dimensions[get_column_letter(i)].width = max(14, min(40, len(column) + 4))
    sheet.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        allowed = tables.ALLOWED.get((table, column))
        parent = tables.FOREIGN_KEYS.get((table, column))
        if not allowed and parent and parent[0] in in_book and parent[0] != table:
            continue
        values = list(allowed) if allowed else list((ids or {}).get(parent[0], [])) if parent else []
        if not values:
            continue
        used += 1
        list_column = get_column_letter(used)
        lists[f"{list_column}1"] = column
        for row, value in enumerate(values, start=2):
            _text_cell(lists[f"{list_column}{row}"], value)
        source = f"'{LISTS_SHEET}'!${list_column}$2:${list_column}${len(values) + 1}"
        strict = allowed is not None
        rule = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle=f"Not a valid {column}",
            error=(
                "Choose one of the values in the list."
                if strict
                else "This id is not in the dashboard yet: it must exist before this file is loaded."
            ),
            promptTitle=column,
            prompt="Choose from the list." if strict else "Choose an id that exists in the dashboard.",
            showInputMessage=True,
        )
        letter = get_column_letter(i)
        rule.add(f"{letter}2:{letter}{LIST_ROWS + 1}")
        sheet.add_data_validation(rule)
    return used
