"""The workshop storyboard: the slides a facilitator presents, built from the
database. Plain Python (no Streamlit); the Present page, the PowerPoint deck
and the printed handout all draw this same storyboard, so the screen, the
deck and the paper never disagree.

Slides, in order:
  1. title;
  2. the programme (or place) in numbers;
  3. per barrier, two slides: the barrier (what it is, the evidence, one case
     study's result against its target) and what to do about it (the
     recommendations). The brief asked for one slide per barrier; with four
     recommendations beside a chart the type falls well below what the back
     row can read, so each barrier is a pair of slides under the same
     "Barrier n of 5" kicker: one message each;
  4. a closing slide on what worked.

Case studies are chosen from the data, never by name: a pilot the source
itself says addressed the barrier (pilot_barriers role 'addressed', basis
'stated in source'); among several, one with a result against a target.
Every figure goes through fivebarriers.charts.formatting ("over 550", "100–150",
"not reported"). The same database and filters give the same storyboard."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fivebarriers.charts import formatting
from fivebarriers.store.db import Database

Row = dict[str, Any]
Fetch = Callable[..., list[Row]]
"""fetch(query_name, **params) -> rows as dicts: Database.query or ui.records."""

NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
MAX_EVIDENCE_POINTS = 1  # one finding on the slide; the rest go in the notes
MAX_NUMBER_TILES = 6
CLOSING_TITLE = "What worked: central and local teams working side by side on one place's problem"


class UnknownFilter(ValueError):
    """A filter value that is not in the data; the message names the choices."""


@dataclass(frozen=True)
class Filters:
    place: str | None = None
    barrier: str | None = None
    programme: str | None = None

    def params(self) -> dict[str, str | None]:
        return {"place": self.place, "barrier": self.barrier, "programme": self.programme}


@dataclass(frozen=True)
class FilterOptions:
    """Allowed filter values (id -> display name), in a stable order."""

    places: dict[str, str]
    barriers: dict[str, str]
    programmes: dict[str, str]

    def check(self, filters: Filters) -> None:
        for name, value, allowed in (
            ("place", filters.place, self.places),
            ("barrier", filters.barrier, self.barriers),
            ("programme", filters.programme, self.programmes),
        ):
            if value is not None and value not in allowed:
                shown = ", ".join(list(allowed)[:12]) + (" …" if len(allowed) > 12 else "")
                raise UnknownFilter(f"unknown {name} '{value}': choose one of {shown}")


@dataclass(frozen=True)
class Bar:
    """One bar of a slide chart. `text` is the honest label drawn on it."""

    category: str
    value: float | None
    text: str
    role: str  # achieved | expected | not reported | goal | goal low | goal high | invested


@dataclass(frozen=True)
class SlideChart:
    headline: str
    subtitle: str
    source: str
    measure: str
    unit: str
    kind: str
    status: str
    target_low: float | None
    target_high: float | None
    bars: tuple[Bar, ...]
    alt_text: str

    @property
    def categories(self) -> list[str]:
        return [b.category for b in self.bars]

    @property
    def values(self) -> list[float | None]:
        return [b.value for b in self.bars]

    @property
    def labels(self) -> list[str]:
        return [b.text for b in self.bars]

    def table(self) -> list[dict[str, str]]:
        return [{"Bar": b.category, "Figure": b.text, "Kind": b.role} for b in self.bars]


@dataclass(frozen=True)
class Tile:
    """A big number on the "in numbers" slide."""

    value: str
    label: str


@dataclass(frozen=True)
class Slide:
    key: str
    kind: str  # title | numbers | barrier | actions | closing
    kicker: str
    title: str
    points: tuple[str, ...]
    source: str
    notes: str
    chart: SlideChart | None = None
    tiles: tuple[Tile, ...] = ()
    barrier_id: str | None = None

    def texts(self) -> list[str]:
        """Every piece of text on the slide and in its notes, for comparing builds."""
        out = [
            self.kicker,
            self.title,
            *self.points,
            *(f"{t.value} {t.label}" for t in self.tiles),
            self.source,
        ]
        if self.chart:
            out += [self.chart.headline, self.chart.subtitle, *self.chart.categories, *self.chart.labels]
        return [*out, self.notes]


@dataclass(frozen=True)
class Storyboard:
    title: str
    focus: str
    filters: Filters
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.slides)

    def texts(self) -> list[str]:
        return [text for slide in self.slides for text in slide.texts()]

    def file_stem(self) -> str:
        parts = [v for v in (self.filters.barrier, self.filters.place, self.filters.programme) if v]
        return "five-barriers" + "".join(f"-{re.sub(r'[^a-z0-9-]+', '-', p.lower())}" for p in parts)


# ---------------------------------------------------------------- fetching


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


def _rows(fetch: Fetch, name: str, **params: Any) -> list[Row]:
    return [{k: _clean(v) for k, v in row.items()} for row in fetch(name, **params)]


def options(fetch: Fetch) -> FilterOptions:
    return FilterOptions(
        places={r["place_id"]: r["name"] for r in _rows(fetch, "story_place_options")},
        barriers={r["barrier_id"]: r["name"] for r in _rows(fetch, "story_barriers", barrier=None)},
        programmes={r["programme_id"]: r["short_name"] for r in _rows(fetch, "programme_options")},
    )


# ---------------------------------------------------------------- wording


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


def _unit_word(unit: str | None) -> str:
    return "" if unit in (None, "percent", "GBP") else f" {unit}"


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_start(text: str) -> str:
    # "Savings expected…" -> "savings expected…", but keep acronyms ("DfE's").
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def evidence_figure(row: Mapping[str, Any]) -> str | None:
    """'6 of 13 places', 'over 26 officials'; None for a finding without a figure."""
    if row.get("value") is None:
        return None
    text = formatting.qualified(row["value"], row.get("value_qualifier"), None)
    if row.get("denominator") is not None:
        text += " of " + formatting.number(float(row["denominator"]))
    return text + _unit_word(row.get("value_unit"))


def evidence_line(row: Mapping[str, Any]) -> str:
    figure = evidence_figure(row)
    return f"{figure}: {row['finding']}" if figure else row["finding"]


def source_line(pairs: Iterable[tuple[str | None, str | None]]) -> str:
    """'Source: Document title (section; section)', documents in first-seen order."""
    grouped: dict[str, list[str]] = {}
    for title, locator in pairs:
        if not title:
            continue
        locs = grouped.setdefault(title, [])
        for part in str(locator or "").split("; "):
            if part and part not in locs:
                locs.append(part)
    docs = [f"{title} ({'; '.join(locs)})" if locs else title for title, locs in grouped.items()]
    return "Source: " + ". ".join(docs) if docs else "Source: not recorded"


# ---------------------------------------------------------------- charts


def _result_bar(row: Mapping[str, Any]) -> Bar:
    unit = row.get("unit")
    expected = row.get("kind") == "expected"
    if row.get("status") == formatting.NOT_REPORTED or row.get("actual") is None:
        return Bar("Result: not reported", None, formatting.NOT_REPORTED, formatting.NOT_REPORTED)
    text = formatting.qualified(row["actual"], row.get("qualifier"), unit) + _unit_word(unit)
    comparison = formatting.ratio_words(row)  # no ratio to a goal for another measure
    if comparison:
        text += f" ({comparison})"
    if expected:
        text += " (expected)"
    return Bar(
        "Expected" if expected else "Achieved",
        float(row["actual"]),
        text,
        "expected" if expected else "achieved",
    )


def _goal_bars(row: Mapping[str, Any]) -> list[Bar]:
    unit, low, high = row.get("unit"), row.get("target_low"), row.get("target_high")
    words = _unit_word(unit)
    goal = formatting.target(low, high, row.get("target_qualifier"), unit)
    if float(low) == float(high):
        return [Bar("Goal", float(low), f"goal: {goal}{words}", "goal")]
    low_text = formatting.number(float(low), unit)
    high_text = formatting.number(float(high), unit)
    return [
        Bar("Intended: lower end", float(low), f"{low_text}{words} (lower end of {goal})", "goal low"),
        Bar("Intended: upper end", float(high), f"{high_text}{words} (upper end of {goal})", "goal high"),
    ]


def _chart(headline: str, subtitle: str, source: str, row: Mapping[str, Any], bars: list[Bar]) -> SlideChart:
    alt = f"{headline}. " + "; ".join(f"{b.category}: {b.text}" for b in bars) + "."
    return SlideChart(
        headline=headline,
        subtitle=subtitle,
        source=source,
        measure=row["measure"],
        unit=row.get("unit") or "",
        kind=row.get("kind") or "",
        status=row.get("status") or "",
        target_low=row.get("target_low"),
        target_high=row.get("target_high"),
        bars=tuple(bars),
        alt_text=alt,
    )


def _period(row: Mapping[str, Any]) -> str:
    end = row.get("period_end")
    return f", by {end:%B %Y}" if hasattr(end, "strftime") else ""


def case_chart(
    case: Mapping[str, Any], outputs: Sequence[Row], flows: Sequence[Row]
) -> tuple[SlideChart | None, str]:
    """The case study's result chart and a one-line result, or (None, line) when
    nothing can honestly be drawn (no target and no money to compare with)."""
    if not outputs:
        return None, "no results recorded"
    primary = outputs[0]
    subtitle = f"{case['pilot_name']}: {_lower_start(primary['measure'])}{_period(primary)}"
    if primary.get("target_low") is not None:
        sentence = formatting.result_sentence(primary)
        # The measure is in the subtitle; the headline is the finding.
        reported = primary.get("status") == "reported"
        headline = _sentence_start(sentence) if reported else f"{primary['measure']}: {sentence}"
        source = source_line([(primary["source_title"], primary["locator"])])
        return _chart(
            headline, subtitle, source, primary, [_result_bar(primary), *_goal_bars(primary)]
        ), sentence
    money = next((o for o in outputs if o.get("unit") == "GBP" and o.get("status") == "reported"), None)
    if money and flows:
        flow = flows[0]
        flow_text = formatting.qualified(flow["amount_gbp"], flow.get("amount_qualifier"), "GBP")
        result = _result_bar(money)
        invested = Bar(
            f"Investment ({flow['flow_kind']})",
            float(flow["amount_gbp"]),
            f"{flow_text} ({flow['flow_kind']})",
            "invested",
        )
        sentence = f"{result.text} against {flow_text} of {flow['flow_kind']} investment"
        headline = _sentence_start(sentence)
        source = source_line(
            [(money["source_title"], money["locator"]), (flow["source_title"], flow["locator"])]
        )
        subtitle = f"{case['pilot_name']}: {_lower_start(money['measure'])} and the investment it needed"
        return _chart(headline, subtitle, source, money, [invested, result]), sentence
    return None, f"{_lower_start(primary['measure'])}: {formatting.result_sentence(primary)}"


# ---------------------------------------------------------------- slides


@dataclass
class _Case:
    barrier: Row
    pilot: Row | None
    chart: SlideChart | None
    result: str
    outputs: list[Row]
    flows: list[Row]


def _title_slide(barriers: Sequence[Row], focus: str, total: int) -> Slide:
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
        "from working together in the place-based pilots, the evidence for each, one pilot that found a way "
        "round it, and what the guidance suggests departments do next. Every figure on these slides comes "
        "from a published source, named at the foot of the slide; where a pilot did not report a result we "
        "say so rather than guess. Ask people to note, as we go, where they have met each barrier themselves."
    )
    return Slide(
        key="title",
        kind="title",
        kicker="Workshop",
        title=f"{_sentence_start(number_word(total))} barriers to place-based working, and what helped",
        points=tuple(points),
        source=source_line((b["source_title"], None) for b in barriers),
        notes=notes,
    )


def _numbers_slide(fetch: Fetch, filters: Filters, place_name: str | None) -> Slide:
    programme = (_rows(fetch, "story_focus_programme", programme=filters.programme) or [None])[0]
    programme_id = filters.programme or (
        programme["programme_id"] if programme and not filters.place else None
    )
    counts = _rows(fetch, "story_numbers", programme=programme_id, place=filters.place)[0]
    context = _rows(fetch, "story_context", programme=programme_id, place=filters.place)
    scope = place_name if filters.place else (programme["short_name"] if programme else "The programmes")
    if filters.place and filters.programme and programme:
        scope = f"{programme['short_name']} in {place_name}"
    tiles = [
        Tile(
            formatting.qualified(c["value"], c["qualifier"], c["unit"]) + _unit_word(c["unit"]), c["measure"]
        )
        for c in context[:3]
    ]
    pilots, outputs = int(counts["pilots"] or 0), int(counts["outputs"] or 0)
    tiles += [
        Tile(
            f"{pilots:,}",
            "pilots and case studies in this database" if pilots != 1 else "pilot in this database",
        ),
        Tile(f"{outputs:,}", _plural(outputs, "result") + " recorded"),
        Tile(f"{int(counts['not_reported'] or 0):,}", "results the sources do not report"),
    ]
    if len(context) >= 2:
        title = f"{scope}: " + ", ".join(t.value for t in tiles[: min(3, len(context))])
    else:
        title = f"{scope}: {pilots:,} {_plural(pilots, 'pilot')}, "
        title += f"{outputs:,} {_plural(outputs, 'result')} recorded"
    points: list[str] = []
    if programme and not filters.place:
        period = programme.get("period_note")
        funder = programme.get("funder")
        line = programme["name"]
        if period:
            line += f", {period}"
        if funder:
            line += f"; funded by {funder}"
        points.append(line)
    notes = []
    if programme and not filters.place:
        notes.append(f"{programme['name']}: {programme['summary']}")
    notes.append(
        f"The counts are of what this database holds for {scope}: {pilots:,} pilots or case studies and "
        f"{outputs:,} recorded results, of which {int(counts['not_reported'] or 0):,} the sources do not "
        "report "
        f"and {int(counts['with_target'] or 0):,} have a stated target. They describe the evidence, not "
        "everything the programme did."
    )
    pairs = [(c["source_title"], c["locator"]) for c in context[:3]]
    if programme and not filters.place:
        pairs.insert(0, (programme["source_title"], programme["locator"]))
    return Slide(
        key="numbers",
        kind="numbers",
        kicker="In numbers",
        title=title,
        points=tuple(points),
        tiles=tuple(tiles[:MAX_NUMBER_TILES]),
        source=source_line(pairs),
        notes=" ".join(notes),
    )


def _barrier_slide(case: _Case, evidence: Sequence[Row], total: int) -> Slide:
    b = case.barrier
    shown = list(evidence[:MAX_EVIDENCE_POINTS])
    points = [evidence_line(e) for e in shown]
    pairs = [(b["source_title"], b["locator"]), *((e["source_title"], e["locator"]) for e in shown)]
    notes = [f"{b['name']}, in one line: {b['summary']}"]
    if evidence:
        notes.append(
            "What the sources found: " + " ".join(evidence_line(e).rstrip(".") + "." for e in evidence[:5])
        )
    else:
        notes.append("The sources hold no finding about this barrier for this selection.")
    if case.pilot:
        p = case.pilot
        points.append(f"Case study: {p['pilot_name']} ({p['programme_name']})")
        if case.chart is None:
            points.append(f"Result: {case.result}")
        notes.append(f"Case study, {p['pilot_name']}: {p['summary']}")
        note = next((o["note"] for o in case.outputs if o.get("note")), None)
        if note:
            notes.append(f"About the figure: {note}")
        notes.append(
            f"Why this pilot: the source itself links it to {b['name'].lower()} ({p['link_locator']})."
        )
        # One source line for the whole slide: the barrier, the evidence and the case study.
        pairs += _source_pairs(case.chart.source) if case.chart else [(p["source_title"], p["locator"])]
    else:
        points.append("No pilot in this selection is stated by the sources to have tackled this barrier")
    notes.append(
        "Ask the room: where have you met this barrier, and who would need to be in the room to get past it?"
    )
    source = source_line(pairs)
    return Slide(
        key=f"barrier-{b['barrier_id']}",
        kind="barrier",
        kicker=f"Barrier {b['number']} of {total} · {b['name']}",
        title=b["summary"],
        points=tuple(points),
        chart=case.chart,
        source=source,
        notes=" ".join(notes),
        barrier_id=b["barrier_id"],
    )


def _source_pairs(line: str) -> list[tuple[str, str]]:
    """Parse a source_line back into (title, locators) pairs, so lines can be merged."""
    body = line.removeprefix("Source: ")
    pairs = []
    for match in re.finditer(r"(.+?) \(([^()]*)\)(?:\. |$)", body):
        pairs.append((match.group(1), match.group(2)))
    return pairs


def _actions_slide(barrier: Row, recommendations: Sequence[Row], case: _Case, total: int) -> Slide:
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
    )


def _closing_slide(cases: Sequence[_Case]) -> Slide:
    with_pilot = [c for c in cases if c.pilot]
    points = [f"{c.barrier['name']}: {c.pilot['pilot_name']} — {c.result}" for c in with_pilot]  # type: ignore[index]
    if not points:
        points = ["No case study in this selection: widen the filters to see what worked elsewhere"]
    notes = [
        "What the case studies share: central and local partners gave time to know each other and the place, "
        "changed course when the first plan would not work, and relied on trusted people on the ground.",
    ]
    notes += [f"{c.pilot['pilot_name']}: {c.pilot['summary']}" for c in with_pilot]  # type: ignore[index]
    notes.append(
        "Be honest about the gaps: where a result is not reported the sources give no figure, which is "
        "not the same as failure. Close by asking each table for one recommendation they will take back."
    )
    pairs = []
    for c in with_pilot:
        if c.chart:
            pairs += _source_pairs(c.chart.source)
        else:
            pairs.append((c.pilot["source_title"], c.pilot["locator"]))  # type: ignore[index]
    return Slide(
        key="closing",
        kind="closing",
        kicker="What worked",
        title=CLOSING_TITLE,
        points=tuple(points),
        source=source_line(pairs),
        notes=" ".join(notes),
    )


def build(fetch: Fetch, filters: Filters | None = None, check: bool = True) -> Storyboard:
    """The storyboard for these filters. Raises UnknownFilter for a value not in the data."""
    filters = filters or Filters()
    opts = options(fetch)
    if check:
        opts.check(filters)
    all_barriers = _rows(fetch, "story_barriers", barrier=None)
    total = int(all_barriers[0]["total_barriers"]) if all_barriers else 0
    barriers = [b for b in all_barriers if filters.barrier in (None, b["barrier_id"])]
    place_name = opts.places.get(filters.place) if filters.place else None
    focus_parts = [
        opts.barriers[filters.barrier] if filters.barrier else None,
        place_name,
        opts.programmes[filters.programme] if filters.programme else None,
    ]
    focus = " · ".join(p for p in focus_parts if p)

    cases: list[_Case] = []
    pairs: list[tuple[_Case, list[Row], list[Row]]] = []
    for b in barriers:
        scope = {"barrier": b["barrier_id"], "programme": filters.programme, "place": filters.place}
        evidence = _rows(fetch, "story_evidence", **scope)
        found = _rows(fetch, "story_case_study", **scope)
        pilot = found[0] if found else None
        outputs = _rows(fetch, "story_case_outputs", pilot=pilot["pilot_id"]) if pilot else []
        flows = (
            _rows(fetch, "story_case_money", place_id=pilot["place_id"], programme_id=pilot["programme_id"])
            if pilot
            else []
        )
        chart, result = case_chart(pilot, outputs, flows) if pilot else (None, "")
        case = _Case(b, pilot, chart, result, outputs, flows)
        # A place or programme narrows the deck to the barriers it has something to say about.
        if (filters.place or filters.programme) and not pilot and not evidence:
            continue
        cases.append(case)
        pairs.append((case, evidence, _rows(fetch, "story_recommendations", barrier=b["barrier_id"])))

    shown = [case.barrier for case in cases]
    slides = [_title_slide(shown, focus, total), _numbers_slide(fetch, filters, place_name)]
    for case, evidence, recs in pairs:
        slides.append(_barrier_slide(case, evidence, total))
        slides.append(_actions_slide(case.barrier, recs, case, total))
    slides.append(_closing_slide(cases))
    title = f"{_sentence_start(number_word(total))} barriers to place-based working"
    return Storyboard(title=title, focus=focus, filters=filters, slides=tuple(slides))


def build_from_db(db: Database, filters: Filters | None = None) -> Storyboard:
    return build(from_database(db), filters)
