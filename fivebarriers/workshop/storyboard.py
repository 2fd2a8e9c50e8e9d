"""The workshop storyboard: the slides a facilitator presents, built from the
database. Plain Python (no Streamlit); the Present page, the PowerPoint deck
and the printed handout all draw this same storyboard, so the screen, the
deck and the paper never disagree.

Slides, in order:
  1. title;
  2. the programme (or place) in numbers;
  3. per barrier, two slides: the barrier (what it is, one finding, one case
     study's result against its goal) and what to do about it (the
     recommendations). Four recommendations beside a chart would put the type
     below what the back row can read, so each barrier is a pair of slides
     under the same "Barrier n of 5" kicker: one message each;
  4. a closing slide on what worked.

Case studies are chosen from the data, never by name: a pilot the source
itself says addressed the barrier (pilot_barriers role 'addressed', basis
'stated in source'); among several, one with a result against a goal.
Every figure goes through fivebarriers.charts.formatting ("over 550", "100–150",
"not reported"). The same database and filters give the same storyboard.

The parts: model (the shapes), wording (words and source lines), case_charts
(a result as a chart or as words), slides (one builder per kind of slide)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from fivebarriers.store.db import Database
from fivebarriers.workshop import slides as build_slides
from fivebarriers.workshop.case_charts import case_chart
from fivebarriers.workshop.model import (
    Bar,
    FilterOptions,
    Filters,
    Slide,
    SlideChart,
    Storyboard,
    Tile,
    UnknownFilter,
)
from fivebarriers.workshop.wording import number_word, sentence_start

__all__ = [
    "Bar",
    "FilterOptions",
    "Filters",
    "Slide",
    "SlideChart",
    "Storyboard",
    "Tile",
    "UnknownFilter",
    "build",
    "build_from_db",
    "from_database",
    "options",
]

Row = dict[str, Any]
Fetch = Callable[..., list[Row]]
"""fetch(query_name, **params) -> rows as dicts: Database.query or ui.records."""


def from_database(db: Database) -> Fetch:
    def fetch(name: str, **params: Any) -> list[Row]:
        return db.query(name, **params).dicts()

    return fetch


def _clean(value: Any) -> Any:
    # Rows may come from pandas (the page's cached queries): NaN and numpy
    # scalars become None and plain Python, so the page and the CLI agree.
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _rows(fetch: Fetch) -> Fetch:
    def rows(name: str, **params: Any) -> list[Row]:
        return [{k: _clean(v) for k, v in row.items()} for row in fetch(name, **params)]

    return rows


def options(fetch: Fetch) -> FilterOptions:
    rows = _rows(fetch)
    return FilterOptions(
        places={r["place_id"]: r["name"] for r in rows("story_place_options")},
        barriers={r["barrier_id"]: r["name"] for r in rows("story_barriers", barrier=None)},
        programmes={r["programme_id"]: r["short_name"] for r in rows("programme_options")},
    )


def build(fetch: Fetch, filters: Filters | None = None, check: bool = True) -> Storyboard:
    """The storyboard for these filters. Raises UnknownFilter for a value not in the data."""
    filters = filters or Filters()
    rows = _rows(fetch)
    opts = options(fetch)
    if check:
        opts.check(filters)
    all_barriers = rows("story_barriers", barrier=None)
    total = int(all_barriers[0]["total_barriers"]) if all_barriers else 0
    barriers = [b for b in all_barriers if filters.barrier in (None, b["barrier_id"])]
    place_name = opts.places.get(filters.place) if filters.place else None
    focus_parts = [
        opts.barriers.get(filters.barrier) if filters.barrier else None,
        place_name,
        opts.programmes.get(filters.programme) if filters.programme else None,
    ]
    focus = " · ".join(p for p in focus_parts if p)

    cases: list[build_slides.Case] = []
    per_barrier: list[tuple[build_slides.Case, list[Row], list[Row]]] = []
    for b in barriers:
        scope = {"barrier": b["barrier_id"], "programme": filters.programme, "place": filters.place}
        evidence = rows("story_evidence", **scope)
        found = rows("story_case_study", **scope)
        pilot = found[0] if found else None
        outputs = rows("story_case_outputs", pilot=pilot["pilot_id"]) if pilot else []
        flows = (
            rows("story_case_money", place_id=pilot["place_id"], programme_id=pilot["programme_id"])
            if pilot
            else []
        )
        chart, result, result_source = case_chart(pilot, outputs, flows) if pilot else (None, "", "")
        case = build_slides.Case(b, pilot, chart, result, result_source, outputs, flows)
        # A place or programme narrows the deck to the barriers it has something to say about.
        if (filters.place or filters.programme) and not pilot and not evidence:
            continue
        cases.append(case)
        per_barrier.append((case, evidence, rows("story_recommendations", barrier=b["barrier_id"])))

    shown = [case.barrier for case in cases]
    # The title slide lists the barriers already: its focus line names only the
    # place and programme, so a focus is said once.
    where = " · ".join(p for p in focus_parts[1:] if p)
    slides = [
        build_slides.title_slide(shown, where, total),
        build_slides.numbers_slide(rows, filters, place_name),
    ]
    for case, evidence, recs in per_barrier:
        slides.append(build_slides.barrier_slide(case, evidence, total))
        slides.append(build_slides.actions_slide(case.barrier, recs, case, total))
    slides.append(build_slides.closing_slide(cases))
    title = f"{sentence_start(number_word(total))} barriers to place-based working"
    return Storyboard(title=title, focus=focus, filters=filters, slides=tuple(slides))


def build_from_db(db: Database, filters: Filters | None = None) -> Storyboard:
    return build(from_database(db), filters)
