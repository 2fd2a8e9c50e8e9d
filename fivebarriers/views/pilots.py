"""Words and tables for a pilot's page: what it did, where, when, who, the
barriers it met or worked on, each result against its own goal, findings,
money and sources. Every name is a link (fivebarriers.views.links)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import charts, formatting
from fivebarriers.views import data_date, links, result_tables
from fivebarriers.views.ui import escape_md

ROLE_WORDS = words.BARRIER_ROLES
DEPARTMENT_ROLES = words.DEPARTMENT_ROLES
FIGURE_KINDS = {"funding": "Funding", "pilot": "About the pilot", "place": "About the place"}


def _capital(text: Any) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT


def escaped(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell escaped (st.table renders
    Markdown); column names, which are our own words, stay as they are."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = [escape_md(v) if isinstance(v, str) else v for v in out[column]]
    return out


def options(rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """'Good Help Hub, Croxteth (Croxteth, PfPP)' keyed by pilot_id."""
    return {r["pilot_id"]: f"{r['name']} ({r['place_name']}, {r['programme_short_name']})" for r in rows}


def tab_name(pilot: Mapping[str, Any]) -> str:
    """The pilot as the browser tab names it: 'Good Help Hub, Croxteth'. The
    place is added unless the name says it already (most names do)."""
    name, place = str(pilot["name"]), pilot.get("place_name")
    if _missing(place) or str(place).casefold() in name.casefold():
        return name
    return f"{name}, {place}"


def _month(value: Any) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%B %Y")


def when_text(start: Any, end: Any, note: Any = None) -> str:
    """'February 2021 to March 2023'; without dates, what the source says about
    timing (audit N11: 'Hub operational from January 2023; pilot start not
    given'), or that the sources give none."""
    first, last = _month(start), _month(end)
    if first and last:
        return f"{first} to {last}"
    if first:
        return f"from {first} (end not given)"
    if last:
        return f"until {last} (start not given)"
    if not _missing(note) and str(note).strip():
        return str(note).strip()
    return "dates not given in the sources"


def facts_line(pilot: Mapping[str, Any]) -> str:
    """Markdown: 'PfPP pilot in Croxteth · Dates not given in the sources', the programme
    and place as links (review C8 50, 51: no 'Kind: programme-wide')."""
    kind = words.PILOT_TYPES.get(str(pilot["scope"]), str(pilot["scope"]))
    what = (
        links.md("programme", pilot["programme_id"], pilot["programme_short_name"])
        + f" {escape_md(kind)} in "
        + links.md("place", pilot["place_id"], pilot["place_name"])
    )
    return (
        what
        + " · "
        + escape_md(
            _capital(when_text(pilot.get("start_date"), pilot.get("end_date"), pilot.get("dates_note")))
        )
    )


def department_name(row: Mapping[str, Any]) -> str:
    abbreviation = row.get("abbreviation")
    name = str(row["name_at_the_time"])
    return name if _missing(abbreviation) else f"{name} ({abbreviation})"


def departments_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Department (name at the time)": [
                links.md("department", r["lineage_id"], department_name(r)) for r in rows
            ],
            "Role": [escape_md(DEPARTMENT_ROLES.get(r["role"], r["role"])) for r in rows],
            "Known today as": [
                "" if r["current_name"] == r["name_at_the_time"] else escape_md(r["current_name"])
                for r in rows
            ],
            "Source": [links.source_md(r) for r in rows],
        }
    )
    # A column empty on every row is noise (review C8 60).
    if not any(frame["Known today as"]):
        frame = frame.drop(columns=["Known today as"])
    return frame


def barriers_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Barrier": [links.md("barrier", r["barrier_id"], r["barrier_name"]) for r in rows],
            "The pilot": [escape_md(_capital(ROLE_WORDS.get(r["role"], r["role"]))) for r in rows],
            "How we know": [escape_md(_capital(words.BASIS.get(r["basis"], r["basis"]))) for r in rows],
            "Source": [links.source_md(r) for r in rows],
        }
    )


def barriers_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """'It tackled priorities. Structures and funding held it back.' (review C8 58, 59)."""
    tackled = [str(r["barrier_name"]) for r in rows if r["role"] == "addressed"]
    held = [str(r["barrier_name"]) for r in rows if r["role"] == "faced"]
    if not tackled and not held:
        return "The sources link it to no barrier."
    return words.barrier_roles_sentence(tackled, held)


def findings_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Barrier": [links.md("barrier", r["barrier_id"], r["barrier_name"]) for r in rows],
            "Finding (in our words)": [escape_md(r["finding"]) for r in rows],
            "Figure": ["" if _missing(r.get("value")) else escape_md(charts.share_text(r)) for r in rows],
            "Source": [links.source_md(r) for r in rows],
        }
    )


def money_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    def figure(r: Mapping[str, Any]) -> str:
        if r["status"] == "not reported" or _missing(r.get("value")):
            return words.NO_FIGURE_PUBLISHED
        return formatting.with_unit(r["value"], r.get("qualifier"), r["unit"])

    return pd.DataFrame(
        {
            "What": [FIGURE_KINDS.get(str(r["kind"]), "About the place") for r in rows],
            "Subject": [escape_md(r["subject"]) for r in rows],
            "Measure": [escape_md(r["measure"]) for r in rows],
            "Figure": [escape_md(figure(r)) for r in rows],
            "Note": ["" if _missing(r.get("note")) else escape_md(r["note"]) for r in rows],
            "Source": [links.source_md(r) for r in rows],
        }
    )


def read_it_link(url: Any) -> str:
    """'[Read it on gov.uk](https://www.gov.uk/…)' for a plain https address, not the raw
    address (review C8 62); 'not public' otherwise. The address is percent-encoded so no
    character in it can end the Markdown link early."""
    if _missing(url) or not str(url).startswith("https://") or any(c.isspace() for c in str(url)):
        return "not public"
    host = urlsplit(str(url)).hostname or ""
    host = host.removeprefix("www.")
    if not host:
        return "not public"
    target = quote(str(url), safe=":/?#@!$&'*+,;=%-._~")
    return f"[Read it on {escape_md(host)}]({target})"


def sources_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Source": [links.md("source", r["source_id"], r["title"]) for r in rows],
            "Publisher": ["" if _missing(r.get("publisher")) else escape_md(r["publisher"]) for r in rows],
            "Published": [
                "date not given"
                if _missing(r.get("published_date"))
                else escape_md(data_date.date_text(pd.Timestamp(r["published_date"]).date()))
                for r in rows
            ],
            "Cited here for": [escape_md(r["cited_for"]) for r in rows],
            "Read it": [read_it_link(r.get("url")) for r in rows],
        }
    )


def results_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Every text cell escaped, then names with an id made links (escaped by links.md)."""
    frame = result_tables.results_frame(rows).drop(columns=["Pilot", "Place"])
    return links.link_results(escaped(frame), rows)


def results_text(total: int, shown: int) -> str:
    """The line above the pilot's table of results, in plain words."""
    if total == 0:
        return "The sources give no results for this pilot."
    if shown < total:
        return f"This pilot has {total:,} results; the first {shown:,} are below, those with a goal first."
    if total == 1:
        return "Its result:"
    return "Both its results:" if total == 2 else f"All {total:,} of its results:"
