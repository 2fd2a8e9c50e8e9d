"""Results as people read them, shared by the Barriers, Places, Departments
and Explorer pages: one sentence per result through formatting, and the
chart of results against their own goals."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from fivebarriers import evidence, words
from fivebarriers.charts import charts, formatting
from fivebarriers.views import chart_panel, links, ui
from fivebarriers.workshop import wording

# Results drawn on one chart; the rest stay in the table.
CHART_LIMIT = 12
# Rows of a pilot list sent to the browser at once: at 10M outputs a barrier
# has about 12,000 pilots and a department thousands; the rest are a page away.
LIST_PAGE_SIZE = 50


# Results sent to the browser at once. Page N asks the results query for its
# first N x 50 rows (the queries stop reading outputs once they have them)
# and shows the last 50; the goal chart always reads page 1, so it is the
# same on every page.
RESULTS_PAGE_SIZE = 50

NO_FILTERS: dict[str, None] = {
    "barrier": None,
    "place": None,
    "department": None,
    "programme": None,
    "kind": None,
    "status": None,
}


def results_filters(**chosen: str | None) -> dict[str, str | None]:
    """Parameters for explorer_count that count exactly the rows of
    barrier_results / place_results / department_results (the pager's total)."""
    return {**NO_FILTERS, **chosen}


def page_slice(rows: Sequence[Mapping[str, Any]], page: int) -> list[Mapping[str, Any]]:
    return list(rows[(page - 1) * RESULTS_PAGE_SIZE : page * RESULTS_PAGE_SIZE])


def page_count(rows: int, size: int = LIST_PAGE_SIZE) -> int:
    return max(1, -(-int(rows) // size))


def page_text(page: int, rows: int, noun: str, size: int = LIST_PAGE_SIZE) -> str:
    """'Pilots 51–100 of 12,031 (page 2 of 241)'."""
    first = (page - 1) * size + 1
    last = min(page * size, rows)
    return f"{noun.capitalize()} {first:,}–{last:,} of {rows:,} (page {page:,} of {page_count(rows, size):,})"


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def goal_text(row: Mapping[str, Any]) -> str:
    unit = row.get("unit")
    goal = formatting.target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    return goal or "no goal stated"


def _extra_text(column: str, value: Any) -> str:
    """A stored value in the page's words: barrier_role 'addressed and faced'
    reads 'Tackled it and held back by it'."""
    text = _text(value)
    if column == "barrier_role" and text:
        said = " and ".join(words.BARRIER_ROLES.get(part, part) for part in text.split(" and "))
        return said[:1].upper() + said[1:]
    return text


def results_frame(rows: Sequence[Mapping[str, Any]], extra: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One line per result: the sentence ('67 homes against a goal of
    100–150 (fell short)'), its goal, whether it is a result or a forecast,
    whether a figure was published, how strong the evidence is, the report's
    own judgement where it compares the result with its goal, where sources
    disagree and how to read the figure (each only when a row says), and the source."""
    table: dict[str, list[Any]] = {
        "Pilot": [r["pilot_name"] for r in rows],
        "Measure": [r["measure"] for r in rows],
        "Result": [formatting.result_sentence(r) for r in rows],
        "Goal": [goal_text(r) for r in rows],
        "Place": [r.get("place_name") for r in rows],
        "Type": [formatting.result_type(r) for r in rows],
        "Figure published": [formatting.figure_published(r) for r in rows],
        "Strength of evidence": [evidence.label(r.get("evidence_strength")) for r in rows],
    }
    judged = [formatting.judgement_line(r) for r in rows]
    if any(judged):
        table["The report's judgement"] = judged
    for column, title in (extra or {}).items():
        table[title] = [_extra_text(column, r.get(column)) for r in rows]
    disputed = [_text(r.get("disputed_note")) for r in rows]
    if any(disputed):
        table["Sources disagree"] = disputed
    # How to read the figure, in our words ("we read 'over' as applying to the
    # children only"), where the data says (audit I9); only when a row does.
    notes = [_text(r.get("note")) for r in rows]
    if any(notes):
        table["How to read it"] = notes
    table["Source"] = [f"{r.get('source_title')}: {r.get('locator')}" for r in rows]
    return pd.DataFrame(table)


def with_goal(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [r for r in rows if not pd.isna(r.get("target_low"))][:CHART_LIMIT]


def _has(count: int, singular: str = "has", plural_form: str = "have") -> str:
    return singular if count == 1 else plural_form


def _its(count: int) -> str:
    return "its" if count == 1 else "their"


def _goal_with_unit(row: Mapping[str, Any]) -> str:
    unit = row.get("unit")
    return goal_text(row) + ("" if unit in ("percent", "GBP", None) else f" {unit}")


def _goal_named(row: Mapping[str, Any]) -> str:
    """'50 referrals into People Hub Cornwall' when the measure names its unit
    (review C8 53, 54); otherwise '50 referrals (People Hub Cornwall take-up)'."""
    unit, measure = row.get("unit"), str(row.get("measure") or "")
    lowered = wording.lower_start(measure)
    if wording.unit_word(unit) and re.match(rf"{re.escape(str(unit))}\b", lowered, re.IGNORECASE):
        return f"{goal_text(row)} {lowered}"
    return _goal_with_unit(row) + (f" ({measure})" if measure else "")


def _figure(row: Mapping[str, Any]) -> str:
    unit = row.get("unit")
    unit_word = "" if unit in ("percent", "GBP", None) else f" {unit}"
    return formatting.qualified(row.get("actual"), row.get("qualifier"), unit) + unit_word


def one_result_headline(row: Mapping[str, Any]) -> str | None:
    """The headline when a page has one result to check against its goal:
    the finding itself, e.g. 'Good Help Hub: over 550 people, and the report
    says this passed its original goal of 100', or 'East Sussex fuel poverty
    pilot: fell short of its goal, with 67 homes against a goal of 100–150'."""
    if not formatting.compared(row):
        return None
    name = str(row["pilot_name"])
    said = formatting.judgement(row)
    when = row.get("period_end")
    by = f" by {when:%B %Y}" if hasattr(when, "strftime") else ""
    if said and not formatting.same_measure(row):
        return f"{name}: {_figure(row)}{by}, and {said[0].lower() + said[1:]}"
    against = f"{_figure(row)} against a goal of {goal_text(row)}"
    words = formatting.goal_comparison(row)
    if words and words.endswith("× the goal"):
        return f"{name}: passed its goal, with {against}"
    if words == "fell short":
        return f"{name}: fell short of its goal, with {against}"
    return f"{name}: {against}"


def _apart(counts: Mapping[str, Any]) -> list[str]:
    """The results with a goal the lead sentence does not count, in words."""
    parts = []
    other, unpublished = int(counts["other_measure"]), int(counts["with_goal_not_reported"])
    if other:
        parts.append(f"{formatting.plural(other, 'result')} had a goal that counted something else")
    if unpublished:
        parts.append(
            f"{formatting.plural(unpublished, 'result')} with a goal {_has(unpublished)} no figure published"
        )
    return parts


def goal_headline(counts: Mapping[str, Any], rows: Sequence[Mapping[str, Any]] = ()) -> str:
    """The finding, counted in SQL over every matching result (scope_goal_counts),
    never over the bars drawn. A result is checked against its goal when the
    goal counts the same thing, or when the report compares them itself (then
    the headline says it is "by the report's own account"). Plain words:
    numerals, plurals right, no sentence that starts with zero."""
    with_goal = int(counts["with_goal"])
    comparable, beat = int(counts["comparable"]), int(counts["beat"])
    source_beat = int(counts.get("source_beat") or 0)
    short = int(counts.get("fell_short") or 0)
    unpublished = int(counts["with_goal_not_reported"])
    if not with_goal:
        return "None of these results has a goal"
    if not comparable:
        if unpublished == with_goal:
            if with_goal == 1:
                only = [r for r in rows if not pd.isna(r.get("target_low"))]
                text = "The only result with a goal has no figure published"
                if len(only) == 1:
                    named, pilot = _goal_named(only[0]), only[0]["pilot_name"]
                    text = f"The one goal has no figure published: {named}, for {pilot}"
                return text
            return f"None of the {with_goal:,} results with a goal has a figure published"
        lead = "None of these results can be checked against its goal"
        return ". ".join([lead, *(p[0].upper() + p[1:] for p in _apart(counts))])
    checked = [r for r in rows if formatting.compared(r)]
    if comparable == 1 and len(checked) == 1:
        lead = one_result_headline(checked[0]) or ""
    else:
        group = (
            "with a published figure"
            if not int(counts["other_measure"])
            else "that can be checked against a goal"
        )
        whole = f"the {formatting.plural(comparable, 'result')} {group}"
        if comparable == 1:
            whole = f"the one result {group}"
        if beat:
            lead = f"{beat:,} of {whole} passed {_its(beat)} goal"
            if comparable == 1:
                lead = f"The one result {group} passed its goal"
            if source_beat == beat:
                lead += ", by the report's own account"
            elif source_beat:
                lead += f" ({source_beat:,} by the report's own account)"
            if short:
                lead += f"; {short:,} fell short"
        elif short:
            lead = f"{short:,} of {whole} fell short of {_its(short)} goal"
            if comparable == 1:
                lead = f"The one result {group} fell short of its goal"
        else:
            lead = f"None of {whole} clearly passed or fell short of {_its(comparable)} goal"
        rest = comparable - beat - short
        if rest and (beat or short):
            lead += f"; {rest:,} neither clearly passed nor fell short"
        if beat - source_beat and counts.get("best_pilot"):
            ratio = formatting.ratio_text(float(counts["best_ratio"]), counts.get("best_qualifier"))
            lead += f". {counts['best_pilot']} went furthest past its goal ({ratio})"
    return ". ".join([lead, *(p[0].upper() + p[1:] for p in _apart(counts))])


def drawn_text(drawn: int, counts: Mapping[str, Any]) -> str:
    """Said only when the chart draws a subset: '12 of 2,903 results with a goal are drawn: ...'."""
    with_goal = int(counts["with_goal"])
    if drawn >= with_goal:
        return ""
    return (
        f"{drawn:,} of {with_goal:,} results with a goal are drawn: those that went furthest past a goal "
        f"that counts the same thing come first. All of them are in the Results explorer."
    )


def _distinct_bars(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """A pilot reporting one measure month by month has several bars with the
    same label, which a chart would draw on one line: name each by its period."""
    seen: dict[tuple[Any, Any], int] = {}
    for r in rows:
        seen[(r["pilot_name"], r["measure"])] = seen.get((r["pilot_name"], r["measure"]), 0) + 1
    out = []
    for r in rows:
        if seen[(r["pilot_name"], r["measure"])] > 1:
            when = r.get("period_end")
            tag = f"to {when}" if when is not None and not pd.isna(when) else str(r["output_id"])
            r = {**r, "measure": f"{r['measure']} ({tag})"}
        out.append(r)
    return out


def goal_subtitle(rows: Sequence[Mapping[str, Any]], context: str, headline: str = "") -> str:
    """Each comparison the report makes, with its caveat, beside the chart (the
    judgement only once: not again when the headline says it); else what the
    bars are. How they are drawn is in the chart's About tab (METHOD)."""
    notes = []
    for r in rows:
        said, care = formatting.judgement(r), formatting.caveat(r)
        if not (said and care and formatting.compared(r)):
            continue
        if said[0].lower() + said[1:] in headline:
            notes.append(f"Why care is needed: {care[0].lower() + care[1:]}")
        else:
            notes.append(f"{r['pilot_name']}: {said[0].lower() + said[1:]}. {care}")
    return " ".join(notes) if notes else f"Each bar: % of goal reached ({context})."


def report_judgements(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each comparison a report makes, as the finding and its caveat: 'Good Help
    Hub, Croxteth: over 550 people by March 2023, and the report says this passed
    its original goal of 100. That goal was for …'."""
    lines = []
    for r in rows:
        said, care, finding = formatting.judgement(r), formatting.caveat(r), one_result_headline(r)
        if said and care and finding and formatting.compared(r):
            lines.append(f"{finding}. {care}")
    return lines


def goal_chart(rows: Sequence[Mapping[str, Any]], counts: Mapping[str, Any], context: str) -> charts.Chart:
    rows = _distinct_bars(rows)
    sources = sorted({str(r["source_title"]) for r in rows})
    headline = goal_headline(counts, rows)
    subtitle = goal_subtitle(rows, context, headline)
    chart = charts.progress_against_goals(rows, headline, subtitle, "; ".join(sources))
    drawn = drawn_text(len(rows), counts)
    if drawn:
        chart.alt_text += " " + drawn
    return chart


def nothing_to_draw(rows: Sequence[Mapping[str, Any]]) -> bool:
    """No bar would be drawn: no result here is checked against its goal (M8)."""
    return not any(formatting.compared(r) for r in rows)


def goal_scope(
    dimension: str,
    key: str | None,
    roles: Sequence[str] = (),
    place: str | None = None,
    programme: str | None = None,
) -> dict[str, Any]:
    """Parameters of scope_goal_counts / scope_goal_results for one page's choice,
    narrowed to the pilots in a place (or a place within it) and a programme when
    given: a barrier's pilots in Liverpool."""
    return {"dimension": dimension, "key": key, "roles": list(roles), "place": place, "programme": programme}


def show_goal_rows(
    rows: Sequence[Mapping[str, Any]], counts: Mapping[str, Any], context: str, key: str, table: bool = True
) -> None:
    """The goal chart, or, when it would draw nothing, its headline as one
    sentence and the table of those results instead (an empty axis says
    nothing). `table=False` where the page lists every result just below."""
    chart = goal_chart(rows, counts, context)
    if nothing_to_draw(rows):
        st.subheader(ui.escape_md(chart.headline), anchor=chart_panel.anchor(key))
        if table:
            links.table(links.linked(results_frame(rows), rows))
        return
    ui.chart_block(chart, key=key)
    drawn = drawn_text(len(rows), counts)
    if drawn:
        st.caption(ui.escape_md(drawn))


def show_goal_chart(scope: Mapping[str, Any], context: str, key: str) -> None:
    """The goal chart of a page's choice: headline counted over every matching
    result, at most CHART_LIMIT bars, and a link to all of them in the explorer."""
    counts = ui.records("scope_goal_counts", **scope)[0]
    with_goal = int(counts["with_goal"])
    if not with_goal:
        return
    rows = ui.records("scope_goal_results", **scope, limit=CHART_LIMIT)
    # Every page that shows this chart lists its results just below it.
    show_goal_rows(rows, counts, context, key, table=False)
    if len(rows) < with_goal:
        params = {} if scope["key"] is None else {scope["dimension"]: scope["key"]}
        params.update({k: scope[k] for k in ("place", "programme") if scope.get(k)})
        st.page_link(
            "pages/explorer.py",
            label=f"All {with_goal:,} results with a goal, in the Results explorer",
            icon=":material/table_view:",
            query_params=params,
        )


def output_count_text(row: Mapping[str, Any]) -> str:
    """'4', or '4 (1 with no figure published)'; 'none' (review C8 28, 66)."""
    outputs, reported = int(row["outputs"]), int(row["reported"])
    if outputs == 0:
        return "none"
    if reported == outputs:
        return f"{outputs:,}"
    return f"{outputs:,} ({outputs - reported:,} with {words.NO_FIGURE_PUBLISHED})"
