"""Words and tables for the Add data page (pages/upload.py); no Streamlit here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from fivebarriers import auth
from fivebarriers import contact as contact_settings
from fivebarriers.data import readers, tables
from fivebarriers.views import navigation
from fivebarriers.views.markdown_text import escape_md

HERE = Path(__file__).resolve().parent

UPLOAD_MAX_MB = 50  # matches server.maxUploadSize in .streamlit/config.toml
UPLOAD_MAX_BYTES = UPLOAD_MAX_MB * readers.MB
DETECT = "Detect from the header"

INTRO = (
    "Add a new wave of results, another place or a new programme from a spreadsheet. "
    "Download the template for the table below, fill it in, save it as .xlsx or CSV UTF-8 and "
    "upload it here. Every row is checked before anything is written, and a load can be undone."
)

# For whoever runs the dashboard: how to switch loading on (shown in an expander).
DISABLED = (
    "Uploading is switched off because no upload password is configured. To switch it on, run "
    "`fivebarriers hash-password` on the server, put the line it prints in `.streamlit/secrets.toml` "
    f"(or set the environment variable `{auth.ENV_HASH}` to the hash) and restart the app. "
    "Analysts with access to the server can always load files with `fivebarriers ingest FILE`. "
    "Set who analysts should ask with a `[contact]` table in `.streamlit/secrets.toml` "
    "(`name`, `email`) or the environment variables `FIVEBARRIERS_CONTACT_NAME` and "
    "`FIVEBARRIERS_CONTACT_EMAIL`."
)

CHECK_INTRO = (
    "You can check a file now, without signing in: every row is checked against the data in the "
    "dashboard and every problem is listed, with its row and column. Nothing is loaded."
)

TABLE_HELP = "Leave on “Detect” unless the file's header is unusual: the header names the table."

# Where to see each table's rows once loaded (url_path of a page in navigation).
SEE_DATA = {
    "outputs": "explorer",
    "pilots": "explorer",
    "places": "places",
    "barrier_evidence": "barriers",
    "programmes": "overview",
    "pilot_barriers": "barriers",
    "pilot_departments": "departments",
    "sources": "sources",
    "source_sections": "sources",
    "workshop_answers": "workshops",
    # A workbook of a new report and its results (templates.report_workbook_xlsx).
    "sources, source_sections, outputs": "sources",
}


# What each table is, in the analyst's words (the template section).
TABLE_PURPOSE = {
    "outputs": "results of a pilot: a measure, its goal and what was achieved",
    "pilots": "a pilot, project or case study, in a place and a programme",
    "places": "a place (a ward, a town, an authority) under a place already in the data",
    "barrier_evidence": "a finding about one of the five barriers, with or without a figure",
    "programmes": "a programme that pilots belong to",
    "pilot_barriers": "which barriers a pilot tackled (role addressed) or was held back by (role faced)",
    "pilot_departments": "which departments took part in a pilot, and how",
    "sources": "a document your rows cite: its title, publisher, licence and address if public",
    "source_sections": "the sections of a document that a row may name as where its figure is",
    "workshop_answers": "what a workshop's room answered: how many people chose each option of a question",
}

# The lists of ids a file may refer to: (query in queries/, label, file name).
ID_LISTS = (
    ("valid_ids_pilots", "Pilots", "pilot_ids"),
    ("valid_ids_places", "Places", "place_ids"),
    ("valid_ids_sources", "Sources", "source_ids"),
    ("valid_ids_departments", "Departments", "department_ids"),
    ("valid_ids_programmes", "Programmes", "programme_ids"),
    ("valid_ids_barriers", "Barriers", "barrier_ids"),
)
# Which parent table each list holds, for the drop-downs of the Excel templates.
ID_LIST_TABLE = {
    "valid_ids_pilots": "pilots",
    "valid_ids_places": "places",
    "valid_ids_sources": "sources",
    "valid_ids_departments": "departments",
    "valid_ids_programmes": "programmes",
    "valid_ids_barriers": "barriers",
}

ENV_CONTACT_NAME = contact_settings.ENV["name"]
ENV_CONTACT_EMAIL = contact_settings.ENV["email"]


def contact(secrets_section: Mapping[str, object] | None) -> contact_settings.Contact | None:
    """The service's contact (fivebarriers.contact: the environment wins, then
    the `[contact]` table of Streamlit secrets), or None when none is set up."""
    who = contact_settings.resolve(dict(secrets_section or {}))
    if who.name == contact_settings.DEFAULT_NAME and not who.email:
        return None
    return who


def _email_link(email: str) -> str:
    # A checked plain address (contact.valid_email): only "_" could start Markdown in it.
    return f"[{email.replace('_', chr(92) + '_')}](mailto:{email})"


def closed_message(who: contact_settings.Contact | None) -> str:
    """What the closed page tells an analyst, as Markdown: the contact's name
    escaped, its checked address a mailto link."""
    if who is None:
        ask = (
            "ask the team that runs this dashboard (whoever sent you its link) to load your file, "
            "or to switch loading on"
        )
    else:
        reach = f" ({_email_link(who.email)})" if who.email else ""
        ask = f"ask {escape_md(who.name)}{reach} to load your file, or to switch loading on"
    return (
        f"Uploading is switched off on this dashboard. To add your data, {ask}. Meanwhile you can "
        "download a template and the lists of valid ids below, fill in your file, and check it here: "
        "send it on once it has no problems."
    )


def checked_message(rows: int, table: str | None, who: contact_settings.Contact | None) -> str:
    to = who.name if who else "the team that runs this dashboard"
    noun = "row" if rows == 1 else "rows"
    return (
        f"No problems: {rows:,} {noun} would load into {table}. Nothing was loaded: "
        f"send the file to {to} to have it added."
    )


def table_options() -> list[str]:
    return [DETECT, *tables.INGESTABLE]


def chosen_table(choice: str) -> str | None:
    return None if choice == DETECT else choice


def see_data_page(table: str | None) -> navigation.PageSpec:
    """The page that shows a table's rows (falls back to the first page)."""
    wanted = SEE_DATA.get(table or "", "explorer")
    for page in navigation.PAGES:
        if page.url_path == wanted:
            return page
    return navigation.PAGES[0]


def history_table(batches: pd.DataFrame) -> pd.DataFrame:
    """The batch history as shown: plain columns, newest first."""
    if batches.empty:
        return pd.DataFrame(columns=["Batch", "Loaded (UTC)", "By", "Table", "Rows", "File", "State"])
    state = batches["outcome"].where(
        batches["outcome"] != "undone",
        "undone " + batches["undone_at"].dt.strftime("%Y-%m-%d %H:%M").fillna(""),
    )
    return pd.DataFrame(
        {
            "Batch": batches["batch_id"],
            "Loaded (UTC)": batches["loaded_at"].dt.strftime("%Y-%m-%d %H:%M"),
            "By": batches["loaded_by"],
            "Table": batches["table_name"],
            "Rows": batches["row_count"],
            "File": batches["file_name"],
            "State": state,
        }
    )


def loading_message(rows: int, table: str | None) -> str:
    return (
        f"Loading {rows:,} rows into {table}: checking them against the database "
        "and writing them as one batch…"
    )


def problems_headline(n: int, file_name: str) -> str:
    return (
        f"{n} problem{'s' if n != 1 else ''} in {file_name}: nothing can be loaded until "
        f"{'they are' if n != 1 else 'it is'} fixed. Correct the spreadsheet and upload it again."
    )


def ready_message(rows: int, table: str | None) -> str:
    return f"No problems: {rows:,} {'row' if rows == 1 else 'rows'} ready to load into {table}."


def load_label(rows: int, table: str | None) -> str:
    return f"Load {rows:,} {'row' if rows == 1 else 'rows'} into {table}"


def how_to() -> str:
    """The analyst's how-to (help/add_data.md) without its title, headings
    demoted to sit under the page's own."""
    text = (HERE / "help" / "add_data.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    return body.replace("\n## ", "\n#### ")


# The Load click is for the bytes that were checked and shown; the upload can
# be replaced by its URL in between (security review 2026-12-06, finding 1).
CHANGED_AFTER_CHECK = (
    "The file changed after it was checked: check it again before loading. Nothing was loaded. "
    "The check below is of the file as it is now."
)
NOTHING_TO_UNDO = "Nothing to undo: every load has been undone."
PROBLEMS_SHOWN = 100  # more than this: the first ones on the page, all of them in the CSV
LINKS_SHOWN = 10  # per kind (pilots, places, programmes) after a load


def problem_rows(problems: pd.DataFrame) -> pd.DataFrame:
    """A report's problem_table as shown and downloaded: every message whole,
    'whole file' for a problem that is not in one row."""
    return pd.DataFrame(
        {
            "Row": ["whole file" if pd.isna(r) else str(int(r)) for r in problems["row"]],
            "Column": [str(c) for c in problems["column"]],
            "Problem": [str(m) for m in problems["problem"]],
        }
    )


def problems_more(shown: int, total: int) -> str:
    return f"The first {shown:,} of {total:,} problems are shown here: the CSV holds all of them."


def loaded_message(batch_id: str, rows: int, table: str | None, file_name: str) -> str:
    noun = "row" if rows == 1 else "rows"
    return f"Loaded batch {batch_id}: {rows:,} {noun} into {table} from {file_name}."


_KIND_NOUNS = {
    "pilot": ("pilot", "pilots"),
    "place": ("place", "places"),
    "programme": ("programme", "programmes"),
}


def see_lines(changed: list[dict], md_link: Callable[[str, str, str], str]) -> list[str]:
    """'See <name>' links to each pilot, place and programme a load changed,
    as Markdown list items (`md_link(kind, id, text)` makes one link), at most
    LINKS_SHOWN of each kind and a count of the rest."""
    lines: list[str] = []
    for kind, (one, many) in _KIND_NOUNS.items():
        of_kind = [r for r in changed if r["kind"] == kind]
        lines += [
            f"- {md_link(kind, r['entity_id'], 'See ' + str(r['name']))}" for r in of_kind[:LINKS_SHOWN]
        ]
        rest = len(of_kind) - LINKS_SHOWN
        if rest > 0:
            lines.append(f"- and {rest:,} more {one if rest == 1 else many}")
    return lines
