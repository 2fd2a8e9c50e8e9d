"""The slides of a workshop, one builder per kind: title, the programme in
numbers, a barrier with its case study, what to do about it, and what worked.

One message per slide: a barrier slide shows only a finding about its own
case study (or one about the whole programme), never a finding about another
place beside the case study's chart. Every statement keeps its own source
(Slide.citations) for the notes and the handout; the slide itself carries one
source line that names each document it draws on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fivebarriers import evidence as weight
from fivebarriers.charts import formatting
from fivebarriers.workshop.case_charts import reported, unreported_line
from fivebarriers.workshop.model import Filters, Slide, SlideChart, Tile
from fivebarriers.workshop.wording import (
    evidence_line,
    lower_start,
    number_word,
    plural,
    sentence_start,
    source_line,
    source_pairs,
    unit_word,
)

Row = dict[str, Any]
Rows = Callable[..., list[Row]]
"""rows(query_name, **params) -> cleaned rows."""

MAX_NUMBER_TILES = 6
CLOSING_TITLE = (
    "What the case studies show: central and local teams working side by side on one place's problem"
)


@dataclass
class Case:
    barrier: Row
    pilot: Row | None
    chart: SlideChart | None
    result: str
    result_source: str
    outputs: list[Row]
    flows: list[Row]


def _cite(title: str | None, locator: str | None) -> str:
    return source_line([(title, locator)])


def title_slide(barriers: Sequence[Row], focus: str, total: int) -> Slide:
    names = [b["name"] for b in barriers]
    listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else (names[0] if names else "")
    points = ["For councils, government departments and their partners"]
    if names:
        points.append(f"{'The barriers' if len(names) > 1 else 'The barrier'} in this session: {listed}")
    else:
        points.append("No barrier has a finding or a case study in this selection")
    if focus:
        points.append(f"Focus: {focus}")
    notes = (
        "Welcome the room. This session walks through the barriers that kept central government and places "
        "from working together in the place-based pilots, the evidence for each, the pilots that tackled it "
        "or were held back by it and what the sources say came of them, and what the guidance suggests "
        "departments do next. Every figure on these slides comes from a published source, named at the foot "
        "of the slide; where a pilot did not report a result we say so rather than guess. Ask people to "
        "note, as we go, where they have met each barrier themselves."
    )
    return Slide(
        key="title",
        kind="title",
        kicker="Workshop",
        title=f"{sentence_start(number_word(total))} barriers to place-based working, and what helped",
        points=tuple(points),
        source=source_line((b["source_title"], None) for b in barriers),
        notes=notes,
        citations=tuple((b["name"], _cite(b["source_title"], b["locator"])) for b in barriers),
    )


def numbers_slide(rows: Rows, filters: Filters, place_name: str | None) -> Slide:
    programme = (rows("story_focus_programme", programme=filters.programme) or [None])[0]
    programme_id = filters.programme or (
        programme["programme_id"] if programme and not filters.place else None
    )
    counts = rows("story_numbers", programme=programme_id, place=filters.place)[0]
    context = rows("story_context", programme=programme_id, place=filters.place)
    scope = place_name if filters.place else (programme["short_name"] if programme else "The programmes")
    if filters.place and filters.programme and programme:
        scope = f"{programme['short_name']} in {place_name}"
    tiles = [
        Tile(formatting.qualified(c["value"], c["qualifier"], c["unit"]) + unit_word(c["unit"]), c["measure"])
        for c in context[:3]
    ]
    pilots, outputs = int(counts["pilots"] or 0), int(counts["outputs"] or 0)
    not_reported = int(counts["not_reported"] or 0)
    # Say what is counted: this scope's pilots in this database, not every pilot the app holds.
    tiles += [
        Tile(
            f"{pilots:,}",
            f"{scope} pilot in this database"
            if pilots == 1
            else f"{scope} pilots and case studies in this database",
        ),
        Tile(f"{outputs:,}", plural(outputs, "result")),
        Tile(f"{not_reported:,}", f"{plural(not_reported, 'result')} with no figure published"),
    ]
    if len(context) >= 2:
        title = f"{scope}: " + ", ".join(t.value for t in tiles[: min(3, len(context))])
    else:
        title = f"{scope}: {pilots:,} {plural(pilots, 'pilot')}, "
        title += f"{outputs:,} {plural(outputs, 'result')}"
    points: list[str] = []
    if programme and not filters.place:
        line = programme["name"]
        if programme.get("period_note"):
            line += f", {programme['period_note']}"
        if programme.get("funder"):
            line += f"; funded by {programme['funder']}"
        points.append(line)
    notes = []
    if programme and not filters.place:
        notes.append(f"{programme['name']}: {programme['summary']}")
    goals = int(counts["with_target"] or 0)
    notes.append(
        f"The counts are of what this database holds for {scope}: {pilots:,} "
        f"{plural(pilots, 'pilot or case study', 'pilots or case studies')} and {outputs:,} "
        f"{plural(outputs, 'result')}, of which {not_reported:,} {plural(not_reported, 'has', 'have')} "
        f"no figure published and {goals:,} {plural(goals, 'has', 'have')} a goal. They describe the "
        "evidence, not everything the programme did."
    )
    pairs = [(c["source_title"], c["locator"]) for c in context[:3]]
    citations = [(f"{t.value} {t.label}", _cite(*pair)) for t, pair in zip(tiles, pairs, strict=False)]
    if programme and not filters.place:
        pairs.insert(0, (programme["source_title"], programme["locator"]))
        citations.insert(0, (programme["name"], _cite(programme["source_title"], programme["locator"])))
    return Slide(
        key="numbers",
        kind="numbers",
        kicker="In numbers",
        title=title,
        points=tuple(points),
        tiles=tuple(tiles[:MAX_NUMBER_TILES]),
        source=source_line(pairs),
        notes=" ".join(notes),
        citations=tuple(citations),
    )


def evidence_for(case: Case, evidence: Sequence[Row]) -> list[Row]:
    """The finding a barrier slide may show beside its case study: one about the
    case study itself, else one about the whole programme; never one about
    another pilot or place (that would be two messages on one slide)."""
    pilot = case.pilot
    if pilot is None:
        return list(evidence[:1])
    about_case = [e for e in evidence if pilot and e.get("pilot_id") == pilot["pilot_id"]]
    general = [e for e in evidence if not e.get("pilot_id") and not e.get("place_id")]
    return (about_case or general)[:1]


def result_output(case: Case) -> list[Row]:
    """The result the case study's slide shows (the charted one, else its first), as a list of 0 or 1."""
    if case.chart:
        charted = [o for o in case.outputs if o.get("measure") == case.chart.measure]
        if charted:
            return charted[:1]
    # As case_charts chooses: a result with a published figure before one without.
    return [next((o for o in case.outputs if reported(o)), case.outputs[0])] if case.outputs else []


def has_figure(case: Case) -> bool:
    """Whether the case study's shown result has a published figure."""
    return any(reported(o) for o in result_output(case))


def strength_label(case: Case) -> str:
    """' · reported by the programme': how strong the evidence behind the case's result is."""
    shown = result_output(case)
    strength = weight.label(shown[0].get("evidence_strength")) if shown else ""
    return f" · {lower_start(strength)}" if strength else ""


def evidence_notes(outputs: Sequence[Row]) -> list[str]:
    """What the presenter says about a figure's weight: the report's own
    judgement against its goal and why it needs care, and how strong the
    evidence is, with the passage that shows it."""
    notes = []
    for o in outputs:
        said, care = formatting.judgement(o), formatting.caveat(o)
        if said and care:
            notes.append(f"{said}. Why care is needed: {lower_start(care)}")
        strength = weight.label(o.get("evidence_strength"))
        if strength:
            basis = str(o.get("evidence_basis") or "").strip()
            notes.append(f"Strength of evidence: {lower_start(strength)}" + (f". {basis}" if basis else "."))
    return notes


def _noted(finding: Row) -> str:
    """A finding as the presenter's notes give it: the words, then where they come from."""
    where = _cite(finding["source_title"], finding["locator"]).removeprefix("Source: ")
    return f"{evidence_line(finding).rstrip('.')} ({where})."


def barrier_slide(case: Case, evidence: Sequence[Row], total: int) -> Slide:
    b = case.barrier
    shown = evidence_for(case, evidence)
    points = [evidence_line(e) for e in shown]
    pairs = [(b["source_title"], b["locator"]), *((e["source_title"], e["locator"]) for e in shown)]
    citations = [(b["summary"], _cite(b["source_title"], b["locator"]))]
    citations += [(evidence_line(e), _cite(e["source_title"], e["locator"])) for e in shown]
    notes = [f"{b['name']}, in one line: {b['summary']}"]
    if evidence:
        # The slide's source line names only what the slide shows; each finding
        # read out from the notes names its own document and section.
        notes.append("What the sources found: " + " ".join(_noted(e) for e in evidence[:5]))
    else:
        notes.append("The sources hold no finding about this barrier for this selection.")
    if case.pilot:
        p = case.pilot
        if case.chart is None:
            points.append(f"Case study: {p['pilot_name']} ({p['programme_name']})")
            points.append(f"Result: {case.result}")
        citations.append((f"Case study: {p['pilot_name']}", _cite(p["source_title"], p["locator"])))
        citations.append((f"Result: {case.result}", case.result_source))
        notes.append(f"Case study, {p['pilot_name']}: {p['summary']}")
        note = next((o["note"] for o in result_output(case) if o.get("note")), None)
        if note:
            notes.append(f"About the figure: {note}")
        notes += evidence_notes(result_output(case))
        # A goal whose result has no published figure is said aloud, not shown as what worked.
        shown = result_output(case)
        notes += [
            f"No figure published for another result: {unreported_line(o)}."
            for o in case.outputs
            if o not in shown and not reported(o)
        ]
        why = f"the source itself links it to {b['name'].lower()} ({p['link_locator']})"
        notes.append(f"Why this pilot: {why}.")
        pairs += source_pairs(case.result_source or _cite(p["source_title"], p["locator"]))
    else:
        points.append("No pilot in this selection is stated by the sources to have tackled this barrier")
    if case.chart:
        notes.append(f"The chart, in words: {case.chart.alt_text}")
        # One message a slide: the chart is the case study's evidence, so the
        # finding beside it is said aloud (from the notes), not printed under the title.
        notes += [f"Say beside the chart: {line}" for line in points]
        points = []
    notes.append(
        "Ask the room: where have you met this barrier, and who would need to be in the room to get past it?"
    )
    return Slide(
        key=f"barrier-{b['barrier_id']}",
        kind="barrier",
        kicker=f"Barrier {b['number']} of {total} · {b['name']}",
        title=b["summary"],
        points=tuple(points),
        chart=case.chart,
        source=source_line(pairs),
        notes=" ".join(notes),
        barrier_id=b["barrier_id"],
        citations=tuple(citations),
    )


def actions_slide(barrier: Row, recommendations: Sequence[Row], case: Case, total: int) -> Slide:
    n = len(recommendations)
    title = f"{barrier['name']}: {number_word(n)} {'thing' if n == 1 else 'things'} departments can do"
    points = tuple(f"{r['letter']}) {r['text']}" for r in recommendations) or (
        "The sources make no recommendation for this barrier",
    )
    notes = [
        f"These are the guidance's recommendations on {barrier['name'].lower()}, in our own words.",
        "Ask each table to pick the one their organisation could start in the next three months, "
        "and who would own it.",
    ]
    if case.pilot:
        notes.append(f"Link back to the case study: {case.pilot['pilot_name']} ({case.result}).")
    return Slide(
        key=f"actions-{barrier['barrier_id']}",
        kind="actions",
        kicker=f"Barrier {barrier['number']} of {total} · {barrier['name']} · what to do",
        title=title,
        points=points,
        source=source_line((r["source_title"], r["locator"]) for r in recommendations),
        notes=" ".join(notes),
        barrier_id=barrier["barrier_id"],
        citations=tuple(
            (f"{r['letter']}) {r['text']}", _cite(r["source_title"], r["locator"])) for r in recommendations
        ),
    )


def closing_slide(cases: Sequence[Case]) -> Slide:
    # What worked is shown by results with a published figure; a case study
    # with none is named in the notes, never listed as what worked.
    with_pilot = [c for c in cases if c.pilot and has_figure(c)]
    without_figure = [c for c in cases if c.pilot and not has_figure(c)]
    points = [
        f"{c.barrier['name']}: {c.pilot['pilot_name']} — {c.result}{strength_label(c)}"  # type: ignore[index]
        for c in with_pilot
    ]
    if not points and without_figure:
        points = ["No case study in this selection published a figure for its result"]
    elif not points:
        points = ["No case study in this selection: widen the filters to see what worked elsewhere"]
    notes = [
        "What the case studies share: central and local partners gave time to know each other and the place, "
        "changed course when the first plan would not work, and relied on trusted people on the ground.",
    ]
    notes += [f"{c.pilot['pilot_name']}: {c.pilot['summary']}" for c in with_pilot]  # type: ignore[index]
    notes += [
        f"{c.pilot['pilot_name']} published no figure for its result ({c.result})."  # type: ignore[index]
        for c in without_figure
    ]
    notes.append(
        "Be honest about the gaps: where a result has no figure published, that is not the same as "
        "failure. Close by asking each table for one recommendation they will take back."
    )
    pairs: list[tuple[str, str]] = []
    citations = []
    for c, line in zip(with_pilot, points, strict=False):
        own = c.result_source or _cite(c.pilot["source_title"], c.pilot["locator"])  # type: ignore[index]
        pairs += source_pairs(own)
        citations.append((line, own))
    if not with_pilot:
        # The one sentence saying no figure was published cites where each result's goal is given.
        for c in without_figure:
            own = c.result_source or _cite(c.pilot["source_title"], c.pilot["locator"])  # type: ignore[index]
            pairs += source_pairs(own)
            citations.append((f"{points[0]}: {c.pilot['pilot_name']} ({c.result})", own))  # type: ignore[index]
    return Slide(
        key="closing",
        kind="closing",
        kicker="What the case studies show",
        title=CLOSING_TITLE,
        points=tuple(points),
        source=source_line(pairs),
        notes=" ".join(notes),
        citations=tuple(citations),
    )
