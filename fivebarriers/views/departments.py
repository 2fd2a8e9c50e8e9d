"""Words, tables and charts for the Departments page.

A department renamed during the programme is one department over time: pages
key on departments.lineage_id, and show each name with the dates it was used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from fivebarriers import words
from fivebarriers.charts import charts, formatting
from fivebarriers.views import result_tables

DEFAULT_DEPARTMENT = "mhclg"

# What the page counts as "a department's pilots". A department mentioned only in
# a pilot's story, or one that held talks, did not produce its results: the
# headline counts what it led or partnered unless the reader asks for more.
ROLE_CHOICES: dict[str, str] = {
    "led-partnered": "Pilots it led or partnered",
    "engaged": "Also pilots it engaged with (talks or help)",
    "all": "Every pilot that mentions it, including mentioned only",
}
DEFAULT_ROLES = "led-partnered"
ROLES: dict[str, tuple[str, ...]] = {
    "led-partnered": ("lead", "partner"),
    "engaged": ("lead", "partner", "engaged"),
    "all": ("lead", "partner", "engaged", "named"),
}
# The department_options column that counts each choice's pilots.
ROLE_COUNT_COLUMN = {"led-partnered": "led_or_partnered", "engaged": "involved", "all": "pilots"}
ROLE_WORDS = words.DEPARTMENT_ROLES
# Columns the results table adds: whose results these are, and under what name.
RESULT_COLUMNS = {"department_role": "Department's role", "name_at_the_time": "Department's name at the time"}
HISTORY_SOURCE = "Machinery of government changes (reference data compiled by the team)"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def options(departments: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """'Ministry of Housing, Communities and Local Government (DCLG → MHCLG → DLUHC → MHCLG)'."""
    out = {}
    for d in departments:
        history = d.get("name_history")
        if int(d["name_count"]) > 1 and not _missing(history):
            out[d["lineage_id"]] = f"{d['current_name']} ({history})"
        elif not _missing(d.get("current_abbreviation")):
            out[d["lineage_id"]] = f"{d['current_name']} ({d['current_abbreviation']})"
        else:
            out[d["lineage_id"]] = str(d["current_name"])
    return out


def roles_text(row: Mapping[str, Any]) -> str:
    """'8 pilots: 2 led, 5 as a partner, 1 mentioned only' (every link, by role)."""
    parts = [
        f"{int(row[key])} {word}"
        for key, word in (
            ("led", "led"),
            ("partnered", "as a partner"),
            ("engaged", "engaged"),
            ("named", words.MENTIONED_ONLY),
        )
        if int(row.get(key) or 0)
    ]
    pilots = int(row["pilots"])
    if not pilots:
        return "no pilot in the sources"
    return formatting.plural(pilots, "pilot") + ": " + ", ".join(parts)


def roles_short(row: Mapping[str, Any]) -> str:
    """'2 led, 5 partner, 1 mentioned only': a bar's label, short enough to fit beside it."""
    return ", ".join(
        f"{int(row[key])} {word}"
        for key, word in (
            ("led", "led"),
            ("partnered", "partner"),
            ("engaged", "engaged"),
            ("named", words.MENTIONED_ONLY),
        )
        if int(row.get(key) or 0)
    )


def role_words(role: Any) -> str:
    return ROLE_WORDS.get(str(role), str(role))


def pilots_chart(
    departments: Sequence[Mapping[str, Any]], choice: str = DEFAULT_ROLES
) -> charts.Chart | None:
    """Pilots per department in the chosen roles (led or partnered by default)."""
    column = ROLE_COUNT_COLUMN[choice]
    rows = sorted(
        (d for d in departments if int(d[column]) > 0),
        key=lambda d: (-int(d[column]), str(d["current_name"])),
    )
    if not rows:
        return None
    top = rows[0]
    name = top["current_abbreviation"] or top["current_name"]
    history = top.get("name_history")
    also = f" ({history})" if int(top["name_count"]) > 1 and not _missing(history) else ""
    headline = f"{name}{also} {_verb(choice)} the most pilots: {int(top[column])}"
    tied = [r for r in rows if int(r[column]) == int(top[column])]
    if len(tied) > 1:  # naming one of several equals would make a leader of an alphabetical order
        names = [str(r["current_abbreviation"] or r["current_name"]) for r in tied]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        headline = f"{listed} {_verb(choice)} the most pilots: {int(top[column])} each"
    return charts.labelled_bars(
        [str(r["current_name"]) for r in rows],
        [int(r[column]) for r in rows],
        [roles_short(r) for r in rows],
        headline,
        f"Pilots each department {_verb(choice)}; renamed departments counted once; "
        "each label lists every link by role",
        "Five Barriers data: pilot_departments, from the source sections named on the Sources page",
        axis_title="Pilots and case studies (count)",
        table=pd.DataFrame(
            {
                "Department": [r["current_name"] for r in rows],
                "Names over time": [r.get("name_history") for r in rows],
                "Pilots counted": [int(r[column]) for r in rows],
                "Led": [int(r["led"]) for r in rows],
                "Partner": [int(r["partnered"]) for r in rows],
                "Engaged": [int(r["engaged"]) for r in rows],
                "Named only": [int(r["named"]) for r in rows],
            }
        ),
    )


def role_verb(choice: str) -> str:
    """'led or partnered', for sentences about the chosen roles."""
    return _verb(choice)


def _verb(choice: str) -> str:
    return {"led-partnered": "led or partnered", "engaged": "led, partnered or engaged with"}.get(
        choice, "is linked to"
    )


def history_chart(history: Sequence[Mapping[str, Any]], today: dt.date | None = None) -> charts.Chart | None:
    dated = [h for h in history if not _missing(h.get("valid_from"))]
    if len(history) < 2 or not dated:
        return None
    names = " → ".join(str(h.get("abbreviation") or h["name"]) for h in history)
    headline = f"One department, {len(history)} names: {names}"
    return charts.name_timeline(
        history,
        headline,
        "Each name from the day it was first used to the day it ended",
        HISTORY_SOURCE,
        today or dt.date.today(),
    )


def history_frame(history: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Name": [h["name"] for h in history],
            "Abbreviation": [h.get("abbreviation") for h in history],
            "In use": [charts.period_text(h) for h in history],
            "Became": ["" if _missing(h.get("successor_name")) else h["successor_name"] for h in history],
            "Dates from": [
                "" if _missing(h.get("history_source_title")) else h["history_source_title"] for h in history
            ],
        }
    )


def pilots_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in rows],
            "Role": [role_words(r["role"]) for r in rows],
            "Department's name at the time": [
                r["name_at_the_time"] + ("" if _missing(r.get("abbreviation")) else f" ({r['abbreviation']})")
                for r in rows
            ],
            "Programme": [r["programme_name"] for r in rows],
            "Place": [r["place_name"] for r in rows],
            "Results": [result_tables.output_count_text(r) for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def programmes_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Programme": [r["programme_name"] for r in rows],
            "Led as": [r["name_at_the_time"] for r in rows],
            "When": [r["period_note"] for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def hidden_text(department: Mapping[str, Any], choice: str) -> str | None:
    """'1 more pilot only mentions DWP: show it' when the chosen roles leave out
    pilots that the count of every role includes; None when nothing is left out."""
    hidden = int(department["pilots"]) - int(department[ROLE_COUNT_COLUMN[choice]])
    if hidden <= 0:
        return None
    abbreviation = department.get("current_abbreviation")
    name = department["current_name"] if _missing(abbreviation) else abbreviation
    # The roles the choice leaves out that this department actually has.
    left_out = [
        role
        for role, column in (("engaged", "engaged"), ("named", "named"))
        if role not in ROLES[choice] and int(department.get(column) or 0)
    ]
    pilots = formatting.plural(hidden, "more pilot")
    them = "it" if hidden == 1 else "them"
    if left_out == ["named"]:
        return f"{pilots} {'only mentions' if hidden == 1 else 'only mention'} {name}: show {them}"
    verb = "names" if hidden == 1 else "name"
    return f"{pilots} {verb} {name} in another role (talks, help or mentioned only): show {them}"


def show_every_role() -> None:
    """The 'show it' button: count every role, in the picker and the URL alike
    (a callback runs before the picker is drawn, so it may set its value)."""
    st.session_state["url_roles"] = "all"
    st.query_params["roles"] = "all"
