"""Words, tables and the chart of the Workshops page: what the rooms of
saved workshops answered, by barrier and by place (queries workshop_*.sql)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers.charts import bars, style

NO_PLACE = "No one place"
SOURCE = (
    "Source: the answers saved by workshops run with this service's Present page, or loaded by an analyst"
)
HOW_TO_RUN = (
    "No workshop has saved its room's answers yet. To run one, open the Present page, ask the room "
    "“Which barrier holds your place back most?” on a slide, and when you close the question choose "
    "“Save the room's answers”: they appear here."
)
METHOD = (
    "Each workshop's room answered from their phones, one answer per person; the dashboard keeps how "
    "many chose each option, never who chose what. The bars add up every saved workshop that asked "
    "this question (or those about the place chosen)."
)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def place_options(rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The places saved workshops were about, for the filter (place_id -> name)."""
    return {str(r["place_id"]): str(r["place_name"]) for r in rows if r["place_id"] is not None}


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def headline(rows: Sequence[Mapping[str, Any]], place_name: str | None = None) -> str:
    """'Funding was chosen most often across 3 workshops (41 of 96 answers)'."""
    workshops = int(rows[0]["workshops"])
    total = int(rows[0]["all_answers"])
    top = max(int(r["answers"]) for r in rows)
    leaders = [str(r["barrier_name"]) for r in rows if int(r["answers"]) == top]
    about = f" about {place_name}" if place_name else ""
    verb = "was" if len(leaders) == 1 else "were each"
    return (
        f"{_names(leaders)} {verb} chosen most often across {plural(workshops, 'workshop')}{about} "
        f"({top:,} of {plural(total, 'answer')})"
    )


def not_asked_text(place_name: str | None) -> str:
    """When no saved workshop (about this place) asked the barrier question."""
    about = f" about {place_name}" if place_name else ""
    return f"No saved workshop{about} asked which barrier holds its place back most."


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def barrier_chart(rows: Sequence[Mapping[str, Any]], place_name: str | None = None) -> style.Chart:
    """Answers per barrier, every barrier drawn even at 0, in the guidance's order."""
    total = int(rows[0]["all_answers"])
    names = [str(r["barrier_name"]) for r in rows]
    counts = [int(r["answers"]) for r in rows]
    labels = [f"{plural(n, 'answer')} ({share(n, total)})" for n in counts]
    where = place_name or "every place"
    table = pd.DataFrame(
        {
            "Barrier": names,
            "Answers": counts,
            "Share of answers": [share(n, total) for n in counts],
        }
    )
    return bars.labelled_bars(
        names,
        counts,
        labels,
        headline(rows, place_name),
        f"“Which barrier holds your place back most?”: answers from the room, {where}",
        SOURCE,
        axis_title="Answers (count)",
        table=table,
        method=METHOD,
    )


def places_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per place: how many workshops, how many answers, the latest date."""
    return pd.DataFrame(
        {
            "Place": [str(r["place_name"]) if r["place_id"] is not None else NO_PLACE for r in rows],
            "Workshops": [int(r["workshops"]) for r in rows],
            "Answers": [int(r["answers"]) for r in rows],
            "Latest": [f"{r['last_held_on']:%d %B %Y}".lstrip("0") for r in rows],
        }
    )


def answers_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Every saved count: when, where, the question, the option and how many chose it."""
    return pd.DataFrame(
        {
            "Held on": [f"{r['held_on']:%d %B %Y}".lstrip("0") for r in rows],
            "Place": [str(r["place_name"]) if r["place_id"] is not None else NO_PLACE for r in rows],
            "Question": [str(r["question"]) for r in rows],
            "Answer": [str(r["option"]) for r in rows],
            "People who chose it": [int(r["answers"]) for r in rows],
        }
    )
