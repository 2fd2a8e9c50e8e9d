"""Words and tables for the Add data page (pages/upload.py); no Streamlit here."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fivebarriers import auth
from fivebarriers.data import readers, tables
from fivebarriers.views import navigation

HERE = Path(__file__).resolve().parent

UPLOAD_MAX_MB = 50  # matches server.maxUploadSize in .streamlit/config.toml
UPLOAD_MAX_BYTES = UPLOAD_MAX_MB * readers.MB
DETECT = "Detect from the header"

INTRO = (
    "Add a new wave of results, another place or a new programme from a spreadsheet. "
    "Start from the template for the table (`fivebarriers template outputs` prints it), fill it in, "
    "save it as CSV UTF-8 or .xlsx and upload it here. Every row is checked before anything is "
    "written, and a load can be undone."
)

DISABLED = (
    "Uploading is switched off because no upload password is configured. To switch it on, run "
    "`fivebarriers hash-password` on the server, put the line it prints in `.streamlit/secrets.toml` "
    f"(or set the environment variable `{auth.ENV_HASH}` to the hash) and restart the app. "
    "Analysts can always load files from the command line with `fivebarriers ingest FILE`."
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
}


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


def how_to() -> str:
    """The analyst's how-to (help/add_data.md) without its title, headings
    demoted to sit under the page's own."""
    text = (HERE / "help" / "add_data.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    return body.replace("\n## ", "\n#### ")
