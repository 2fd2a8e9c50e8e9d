"""Words and tables for the Sources & method page: the documents, what was
taken from each, the data dictionary read back from the database catalogue,
known limitations, and when the data was built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from fivebarriers import words


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _text(value: Any) -> str:
    return "(no description yet)" if _missing(value) or not str(value).strip() else str(value)


def source_heading(source: Mapping[str, Any]) -> str:
    title = str(source["title"])
    return title + (" (title supplied by the team)" if source.get("title_supplied") else "")


def source_facts(source: Mapping[str, Any]) -> list[str]:
    who = [str(source[k]) for k in ("author", "publisher") if not _missing(source.get(k))]
    when = (
        pd.Timestamp(source["published_date"]).strftime("%-d %B %Y")
        if not _missing(source.get("published_date"))
        else (source.get("published_note") or "date not given")
    )
    lines = [
        f"By: {', '.join(who) if who else 'not stated'} · Published: {when} · Kind: {source['kind']}",
        f"Licence and use: {source.get('licence') or 'not stated'}",
    ]
    if not _missing(source.get("seed_file")):
        lines.append(f"Seed text: {source['seed_file']}")
    if source.get("kind") == "reference":
        lines.append(
            "A reference set compiled by the team: cited as the reference set, not as a document section"
        )
    return lines


def safe_url(source: Mapping[str, Any]) -> str | None:
    """The document's public address, only if it is a plain https link."""
    url = source.get("url")
    if _missing(url) or not str(url).startswith("https://") or any(c.isspace() for c in str(url)):
        return None
    return str(url)


def sections_frame(sections: Sequence[Mapping[str, Any]], source_id: str) -> pd.DataFrame:
    rows = [s for s in sections if s["source_id"] == source_id]
    return pd.DataFrame(
        {
            "Section (as locators spell it)": [s["section"] for s in rows],
            "Covers": [s["covers"] for s in rows],
        }
    )


def citations_text(citations: Sequence[Mapping[str, Any]], source_id: str) -> str:
    rows = [c for c in citations if c["source_id"] == source_id]
    if not rows:
        return "No row in the database cites it."
    total = sum(int(c["row_count"]) for c in rows)
    parts = ", ".join(f"{c['table_name']} {int(c['row_count'])}" for c in rows)
    return f"{total} rows cite it: {parts}."


def citations_frame(
    citations: Sequence[Mapping[str, Any]], sources: Sequence[Mapping[str, Any]]
) -> pd.DataFrame:
    """Sources × tables, counts of rows citing each (small: a few dozen cells)."""
    frame = pd.DataFrame(citations)
    if frame.empty:
        return frame
    wide = frame.pivot_table(
        index="source_id", columns="table_name", values="row_count", aggfunc="sum", fill_value=0
    )
    titles = {s["source_id"]: s["title"] for s in sources}
    wide.index = [titles.get(i, i) for i in wide.index]
    wide.index.name = "Source"
    return wide.reset_index()


def dictionary_tables(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, str, pd.DataFrame]]:
    """(name, 'table'/'view', description, columns frame) for every table and view."""
    out = []
    names = list(dict.fromkeys(r["table_name"] for r in rows))
    for name in names:
        cols = [r for r in rows if r["table_name"] == name]
        first = cols[0]
        frame = pd.DataFrame(
            {
                "Column": [c["column_name"] for c in cols],
                "Type": [c["data_type"] for c in cols],
                "May be empty": ["yes" if c["is_nullable"] else "no" for c in cols],
                "What it holds": [_text(c["column_comment"]) for c in cols],
            }
        )
        out.append((name, first["object_kind"], _text(first["object_comment"]), frame))
    return out


def limitations(
    counts: Mapping[str, Any], coverage: Sequence[Mapping[str, Any]], documents: int
) -> list[str]:
    """Known limitations, written from the data so the numbers stay true."""
    out = []
    for c in coverage:
        missing = int(c["places_named"]) - int(c["places_with_pilot"])
        if missing:
            out.append(
                f"{c['short_name']} names {int(c['places_named'])} places, but the sources "
                "describe a pilot in only "
                f"{int(c['places_with_pilot'])}. The other {missing} ({c['places_without_pilot']}) "
                "appear as places "
                "only: we know they took part, not what they did or achieved."
            )
    goals = int(counts["with_goal"])
    out.append(
        f"{int(counts['not_reported'])} of {words.plural(int(counts['outputs']), 'result')} have no "
        "figure in the sources. They are shown as 'no figure published', never as zero. Only "
        f"{words.plural(goals, 'result')} {words.verb(goals, 'has', 'have')} a goal; the rest cannot "
        "be checked against one."
    )
    if int(counts["expected"]):
        out.append(
            f"{words.plural(int(counts['expected']), 'result')} "
            f"{words.verb(int(counts['expected']), 'is a forecast', 'are forecasts')} (projections or "
            "plans), not results already achieved; they are labelled 'forecast' and hatched in charts."
        )
    out.append(
        f"{int(counts['qualitative_findings'])} of {int(counts['findings'])} findings about barriers are "
        "statements in our words, without a figure. They show that a barrier came up, not how often."
    )
    out.append(
        f"For {int(counts['links_our_reading'])} of the {int(counts['barrier_links'])} times a pilot "
        "is shown with a barrier, the report does not make the link: it is our judgement. Pages say "
        "which: 'the report says so' or 'our judgement'."
    )
    out.append(
        "ONS area codes (GSS codes) and map coordinates are reference data compiled by the team, not taken "
        "from the source "
        f"documents ({int(counts['with_gss'])} of {int(counts['places'])} places have a code; "
        "coordinates are "
        "approximate centres). Coastlines come from Natural Earth via the world-atlas package."
    )
    out.append(
        f"Department start and end dates ({int(counts['with_dates'])} of {int(counts['department_names'])} "
        "department names) and their successors are reference data compiled by the team from the "
        "public record."
    )
    out.append(
        f"The sources are {documents} documents, mostly written to advocate place-based working. "
        "Results are what they "
        "report; we did not check them against evaluations, and places cannot be compared with "
        "each other unless "
        "they measured the same thing."
    )
    return out


def build_facts(info: Sequence[Mapping[str, Any]], mtime: float) -> list[tuple[str, str]]:
    values = {r["key"]: r["value"] for r in info}
    built = dt.datetime.fromtimestamp(mtime, dt.UTC).strftime("%-d %B %Y at %H:%M UTC")
    return [
        ("Database file last written", built),
        ("Fingerprint of data/*.csv (data_sha256)", values.get("data_sha256", "not recorded")),
        ("Fingerprint of the schema (schema_sha256)", values.get("schema_sha256", "not recorded")),
    ]
