"""A case study's result as a slide chart, or as words when a chart would
mislead. The chart compares a result with its own goal (or expected savings
with the money put in); a result the source does not report is never drawn:
a chart of a goal bar alone says nothing, so the slide says "not reported"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fivebarriers.charts import formatting
from fivebarriers.workshop.model import Bar, SlideChart
from fivebarriers.workshop.wording import lower_start, sentence_start, source_line, unit_word

Row = dict[str, Any]


def reported(row: Mapping[str, Any]) -> bool:
    return row.get("status") != formatting.NOT_REPORTED and row.get("actual") is not None


def result_bar(row: Mapping[str, Any]) -> Bar:
    unit = row.get("unit")
    expected = row.get("kind") == "expected"
    if not reported(row):
        return Bar("Result: not reported", None, formatting.NOT_REPORTED, formatting.NOT_REPORTED)
    text = formatting.qualified(row["actual"], row.get("qualifier"), unit) + unit_word(unit)
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


def goal_bars(row: Mapping[str, Any]) -> list[Bar]:
    unit, low, high = row.get("unit"), row.get("target_low"), row.get("target_high")
    words = unit_word(unit)
    goal = formatting.target(low, high, row.get("target_qualifier"), unit)
    if float(low) == float(high):
        return [Bar("Goal", float(low), f"goal: {goal}{words}", "goal")]
    low_text = formatting.number(float(low), unit)
    high_text = formatting.number(float(high), unit)
    return [
        Bar("Goal: lower end", float(low), f"{low_text}{words} (lower end of {goal})", "goal low"),
        Bar("Goal: upper end", float(high), f"{high_text}{words} (upper end of {goal})", "goal high"),
    ]


def unreported_line(row: Mapping[str, Any]) -> str:
    """'Goal: 50 referrals; result not reported' (the goal first: it is the only figure)."""
    unit = row.get("unit")
    goal = formatting.target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    measure = lower_start(row["measure"])
    if goal:
        return f"{sentence_start(measure)}: goal {goal}{unit_word(unit)}; result not reported"
    return f"{sentence_start(measure)}: result not reported"


def projector_headline(row: Mapping[str, Any]) -> str:
    """The chart's headline on a slide. A goal set for another measure is only
    named as such here, so the headline stays short enough to leave the chart
    half the slide; what that goal counted is in the speaker notes and handout."""
    if formatting.same_measure(row):
        return sentence_start(formatting.result_sentence(row))
    unit = row.get("unit")
    result = formatting.qualified(row["actual"], row.get("qualifier"), unit) + unit_word(unit)
    goal = formatting.target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    noun = "goal" if float(row["target_low"]) == float(row["target_high"]) else "intended range"
    if row.get("goal_same_measure") is None or not str(row.get("goal_measure") or "").strip():
        return sentence_start(
            f"{result}; whether the {noun} of {goal}{unit_word(unit)} counted the same is not recorded"
        )
    return sentence_start(f"{result}; the {noun} of {goal}{unit_word(unit)} counted another measure")


def _chart(
    headline: str, subtitle: str, source: str, row: Mapping[str, Any], bars: list[Bar], in_full: str = ""
) -> SlideChart:
    # The text alternative says the result in full, even where the headline is cut short.
    alt = f"{in_full or headline}. " + "; ".join(f"{b.category}: {b.text}" for b in bars) + "."
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


def _case_name(case: Mapping[str, Any]) -> str:
    # The chart names its case study, so the slide needs no separate "Case study:" line.
    programme = f" ({case['programme_name']})" if case.get("programme_name") else ""
    return f"Case study: {case['pilot_name']}{programme}"


def case_chart(
    case: Mapping[str, Any], outputs: Sequence[Row], flows: Sequence[Row]
) -> tuple[SlideChart | None, str, str]:
    """(chart, one-line result, the result's own source line). The chart is None
    when nothing can honestly be drawn: no result, a result the source does
    not report, or no goal and no money to compare it with."""
    if not outputs:
        return None, "no results recorded", ""
    primary = outputs[0]
    own_source = source_line([(primary.get("source_title"), primary.get("locator"))])
    if not reported(primary):
        return None, unreported_line(primary), own_source
    subtitle = f"{_case_name(case)}: {lower_start(primary['measure'])}{_period(primary)}"
    if primary.get("target_low") is not None:
        sentence = formatting.result_sentence(primary)
        bars = [result_bar(primary), *goal_bars(primary)]
        headline = projector_headline(primary)
        chart = _chart(headline, subtitle, own_source, primary, bars, sentence_start(sentence))
        return chart, sentence, own_source
    money = next((o for o in outputs if o.get("unit") == "GBP" and reported(o)), None)
    if money and flows:
        flow = flows[0]
        flow_text = formatting.qualified(flow["amount_gbp"], flow.get("amount_qualifier"), "GBP")
        result = result_bar(money)
        invested = Bar(
            f"Investment ({flow['flow_kind']})",
            float(flow["amount_gbp"]),
            f"{flow_text} ({flow['flow_kind']})",
            "invested",
        )
        sentence = f"{result.text} against {flow_text} of {flow['flow_kind']} investment"
        source = source_line(
            [(money["source_title"], money["locator"]), (flow["source_title"], flow["locator"])]
        )
        subtitle = f"{_case_name(case)}: {lower_start(money['measure'])} and the investment it needed"
        return _chart(sentence_start(sentence), subtitle, source, money, [invested, result]), sentence, source
    return None, f"{lower_start(primary['measure'])}: {formatting.result_sentence(primary)}", own_source
