"""Words, tables and charts for the Barriers page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words
from fivebarriers.charts import charts, formatting
from fivebarriers.views import links, overview, places, result_tables
from fivebarriers.views.markdown_text import escape_md

DEFAULT_BARRIER = "structures"


def options(barriers: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    return {b["barrier_id"]: f"{b['number']}. {b['name']}" for b in barriers}


def summary_source(barrier: Mapping[str, Any]) -> str:
    """'Our summary of the PfPP guidance, section 2 (Barrier 1: Structures).' (review C8 16)."""
    locator = str(barrier["locator"])
    section = locator.split(".", 1)[0].strip()
    if section.isdigit():
        which = f"Barrier {barrier['number']}: {barrier['name']}"
        return f"Our summary of the PfPP guidance, section {section} ({which})."
    return f"Our summary of the PfPP guidance, {locator}."


def recommendations_heading(rows: Sequence[Mapping[str, Any]]) -> str:
    """'What the PfPP guidance recommends departments do (3 of its 12 recommendations)' (C8 22)."""
    heading = "What the PfPP guidance recommends departments do"
    if not rows:
        return heading
    every = words.plural(int(rows[0]["all_recommendations"]), "recommendation")
    return f"{heading} ({len(rows):,} of its {every})"


def recommendation_line(row: Mapping[str, Any]) -> str:
    """'Recommendation 6: …', numbered as the guidance numbers it (C8 22: why start at 6?)."""
    return f"Recommendation {row['number']}: {escape_md(row['text'])}"


def is_share(row: Mapping[str, Any]) -> bool:
    return not pd.isna(row.get("value")) and not pd.isna(row.get("denominator"))


def is_figure(row: Mapping[str, Any]) -> bool:
    return not pd.isna(row.get("value")) and pd.isna(row.get("denominator"))


def is_qualitative(row: Mapping[str, Any]) -> bool:
    return pd.isna(row.get("value"))


def where_text(row: Mapping[str, Any]) -> str:
    """'Bradford · PfPP' — what a finding is about, for the list."""
    parts = [row.get(k) for k in ("place_name", "pilot_name", "programme_name")]
    return " · ".join(str(p) for p in parts if p is not None and not pd.isna(p)) or "across the programme"


def shares_chart(rows: Sequence[Mapping[str, Any]], barrier_name: str) -> charts.Chart:
    rows = [r for r in rows if is_share(r)]
    lead = rows[0]
    headline = share_headline(lead, barrier_name)
    if len(rows) > 1:
        headline += f", and {len(rows) - 1} more finding{'s' if len(rows) > 2 else ''} of this kind"
    units = {str(r.get("value_unit") or "") for r in rows}
    counted = units.pop() if len(units) == 1 and "" not in units else "cases"
    subtitle = f"Each bar shows how many of the {counted} counted raised {barrier_name.lower()}"
    return charts.shares_of_whole(rows, headline, subtitle, source_line(rows))


def share_headline(row: Mapping[str, Any], barrier_name: str) -> str:
    """'Data-sharing was a barrier in 6 of the 13 PfPP places' (review C8 18: which 13?)."""
    figure = charts.share_text(row)
    programme = row.get("programme_name")
    if isinstance(programme, str) and programme and " of " in figure:
        part, whole = figure.split(" of ", 1)
        number, _, unit = whole.partition(" ")
        figure = f"{part} of the {number} {programme} {unit}".strip()
    return f"{barrier_name} was a barrier in {figure}"


SOURCE_DOCUMENTS_NAMED = 3


def source_line(rows: Sequence[Mapping[str, Any]]) -> str:
    """The documents a chart draws on, one entry each: 'PfPP guidance, 2. The 5 barriers…'
    for a single section, 'Synthetic report 7, 12 sections' for several, and 'and 270 more
    sections: see the table' past the first few documents, so the line stays a line at
    any scale (review M16: 283 sections once made 6,000 px of text)."""
    sections: dict[str, list[str]] = {}
    for r in rows:
        listed = sections.setdefault(str(r["source_title"]), [])
        if str(r["locator"]) not in listed:
            listed.append(str(r["locator"]))
    documents = list(sections.items())
    named = documents[:SOURCE_DOCUMENTS_NAMED]
    parts = [
        f"{title}, {found[0]}" if len(found) == 1 else f"{title}, {len(found):,} sections"
        for title, found in named
    ]
    hidden = sum(len(found) for _, found in documents[SOURCE_DOCUMENTS_NAMED:])
    text = "; ".join(parts)
    if hidden:
        text += f"; and {hidden:,} more section{'s' if hidden != 1 else ''}: see the table"
    elif any(len(found) > 1 for _, found in named):
        text += ": see the table"
    return text


# Findings and pilots are listed 10 at a time (review M16: 119 findings unpaged at scale).
FINDINGS_PAGE_SIZE = 10


def reach_text(reach: Mapping[str, Any], shown: int = 20) -> str:
    """'Came up in 4 places: Birmingham, Bradford, … Liverpool (Croxteth).', the places as links;
    past `shown` places, 'and 190 more'."""
    count = int(reach["places"])
    if count == 0:
        return "The sources name no place where this barrier came up."
    pairs = list(zip(reach["place_ids"], reach["place_names"], strict=True))
    named = links.md_list("place", pairs[:shown])
    more = count - min(count, shown)
    text = f"Came up in {count:,} place{'s' if count != 1 else ''}: {named}"
    text += f", and {more:,} more." if more else "."
    return text


def reach_source_text(reach: Mapping[str, Any]) -> str | None:
    """'PfPP report: 6 of 13 places (PfPP guidance, section …)': the source's own count."""
    text = overview.source_count_text(reach)
    return None if text is None else f"{text} ({reach['source_title']}, {reach['source_locator']})"


REACH_NOTE = (
    "Places with a finding about this barrier, or a pilot held back by it, counted at the level a "
    "programme worked in (Croxteth counts as Liverpool). The source's own count, where it gives "
    "one, covers places the data does not name one by one."
)


def figure_lines(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    """(figure, finding, where/source as Markdown with links) for figures that have no whole: they
    count different things, so they are listed, not drawn on one axis."""
    return [
        (
            charts.share_text(r),
            str(r["finding"]),
            provenance_md(r),
        )
        for r in rows
        if is_figure(r)
    ]


def provenance_text(row: Mapping[str, Any]) -> str:
    """'About … Source: …, section. The report does not link it to this barrier: that is our
    judgement. Sources disagree: …'."""
    return links.plain(provenance_md(row))


def provenance_md(row: Mapping[str, Any]) -> str:
    """provenance_text as escaped Markdown, with the place, pilot, programme and
    source each a link to its page."""
    named = [
        links.md(kind, row.get(f"{kind}_id"), row.get(f"{kind}_name"))
        for kind in ("place", "pilot", "programme")
        if row.get(f"{kind}_name") is not None and not pd.isna(row.get(f"{kind}_name"))
    ]
    text = " · ".join(named) or "across the programme"
    text += ". Source: " + links.md("source", row.get("source_id"), row.get("source_title"))
    text += ", " + escape_md(row["locator"])
    if row.get("basis") == "our reading":
        text += ". The report does not link it to this barrier: that is our judgement"
    note = row.get("disputed_note")
    if isinstance(note, str) and note.strip():
        text += ". " + escape_md(note)
    return text


def qualitative_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    kept = [r for r in rows if is_qualitative(r)]
    frame = pd.DataFrame(
        {
            "Finding (in our words)": [r["finding"] for r in kept],
            "About": [where_text(r) for r in kept],
            "Source": [r["source_title"] for r in kept],
            "Section": [r["locator"] for r in kept],
            "Report links it to this barrier": [basis_text(r.get("basis")) for r in kept],
        }
    )
    disputed = [r.get("disputed_note") or "" for r in kept]
    if any(isinstance(d, str) and d.strip() for d in disputed):  # only when a row uses it (C8 37)
        frame["Sources disagree"] = disputed
    return frame


def pilots_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Pilot": [r["pilot_name"] for r in rows],
            "Place": [r["place_name"] for r in rows],
            "Programme": [r["programme_name"] for r in rows],
            "The pilot": [role_text(r["role"]) for r in rows],
            "How we know": [basis_text(r["basis"]) for r in rows],
            "Results": [result_tables.output_count_text(r) for r in rows],
            "Source": [f"{r['source_title']}: {r['locator']}" for r in rows],
        }
    )


def role_text(role: Any) -> str:
    """'Tackled it' / 'Held back by it' (stored: addressed / faced)."""
    text = words.BARRIER_ROLES.get(str(role), str(role))
    return text[:1].upper() + text[1:]


def basis_text(basis: Any) -> str:
    """'The report says so' / 'Our judgement' (stored: stated in source / our reading)."""
    if basis is None or (isinstance(basis, float) and pd.isna(basis)):
        return ""
    text = words.BASIS.get(str(basis), str(basis))
    return text[:1].upper() + text[1:]


def pilots_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    return links_caption(
        {
            "links": len(rows),
            "pilots": len({r.get("pilot_id", i) for i, r in enumerate(rows)}),
            "addressed": sum(1 for r in rows if r["role"] == "addressed"),
            "faced": sum(1 for r in rows if r["role"] == "faced"),
            "our_reading": sum(1 for r in rows if r["basis"] == "our reading"),
        }
    )


def _who_did_both(both: int, names: Any) -> str:
    """The pilots' names when the query named them all (up to 3), else how many."""
    named = [str(n) for n in names] if names is not None and len(names) else []
    return words.join_and(named) if len(named) == both else f"{both:,}"


def links_caption(counts: Mapping[str, Any]) -> str:
    """'5 pilots tackled this barrier and 1 was held back by it. The report
    says so for 2 of the 6 (the 5 and the 1); for 4, it is our judgement.' From the counts of
    all links (the list itself is paged): barrier_pilot_counts.sql. A pilot that
    both tackled the barrier and was held back by it is counted in each."""
    addressed, faced, reading = int(counts["addressed"]), int(counts["faced"]), int(counts["our_reading"])
    total = int(counts["links"])
    if addressed and faced:
        both = total - int(counts.get("pilots", total))
        text = (
            f"{words.plural(addressed, 'pilot')} tackled this barrier and {faced:,} "
            f"{words.verb(faced, 'was', 'were')} held back by it"
            + (f" ({_who_did_both(both, counts.get('both_names'))} did both)." if both > 0 else ".")
        )
    elif addressed:
        text = f"{words.plural(addressed, 'pilot')} tackled this barrier; none was held back by it."
    else:
        text = f"{words.plural(faced, 'pilot')} {words.verb(faced, 'was', 'were')} held back by this barrier."
    # These count a pilot that did both twice, so a count names what it is of:
    # "for 6 of the 7" alone read as 7 pilots when 6 were listed. ("Links" is an
    # internal word: words.INTERNAL_TERMS.)
    parts = f" (the {addressed:,} and the {faced:,})" if addressed and faced else ""
    if reading == total == 1:
        text += " The report does not make the link: it is our judgement."
    elif reading == total:
        text += f" For all {total:,}{parts}, it is our judgement: the report does not say so."
    elif reading:
        text += (
            f" The report says so for {total - reading:,} of the {total:,}{parts}; "
            f"for {reading:,}, it is our judgement."
        )
    elif total == 1:
        text += " The report says so."
    else:
        text += f" The report says so for all {total:,}."
    return text


RESULTS_NOTE = (
    "These are all the results of the pilots above. They do not measure the barrier: a pilot may "
    "have done well or badly for other reasons."
)


def qualitative_lines(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(finding, 'about · source, section' as Markdown with links) for findings without a figure."""
    return [(str(r["finding"]), provenance_md(r)) for r in rows if is_qualitative(r)]


def within_name(
    place: Mapping[str, Any] | None,
    hierarchy: Sequence[Mapping[str, Any]],
    programme: str | None,
) -> str | None:
    """What the page is narrowed to, as plain text: 'Liverpool, including
    Croxteth', 'PfPP', 'PfPP in Liverpool, including Croxteth'; None when it
    shows everywhere (the place's view holds every place within it, as on
    the Places page and in the Results explorer)."""
    where = None if place is None else places.including_name(place, hierarchy)
    if programme and where:
        return f"{programme} in {where}"
    return programme or where


def within_text(name: str, findings: int, pilots: int, results: int) -> str:
    """'Showing Liverpool, including Croxteth: 1 finding, 1 pilot and 4 results.'"""
    counts = [
        formatting.plural(findings, "finding"),
        formatting.plural(pilots, "pilot"),
        formatting.plural(results, "result"),
    ]
    return f"Showing {name}: {counts[0]}, {counts[1]} and {counts[2]}."
