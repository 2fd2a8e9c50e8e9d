"""A case study's result as a slide chart, or as words when a chart would
mislead. The chart compares a result with its own goal where the goal counts
the same thing or the source itself compares them (then the headline says it
is the report's judgement and the subtitle says why care is needed), or
expected savings with the money put in. A goal for something else that the
source does not compare is never drawn beside the result, and a result with
no figure published is never drawn: the slide says so in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fivebarriers.charts import formatting
from fivebarriers.workshop.model import Bar, SlideChart
from fivebarriers.workshop.wording import lower_start, measure_result, sentence_start, source_line, unit_word

Row = dict[str, Any]


def reported(row: Mapping[str, Any]) -> bool:
    return row.get("status") != formatting.NOT_REPORTED and row.get("actual") is not None


def result_bar(row: Mapping[str, Any]) -> Bar:
    unit = row.get("unit")
    expected = row.get("kind") == "expected"
    if not reported(row):
        return Bar("Result: no figure published", None, formatting.NO_FIGURE, formatting.NOT_REPORTED)
    value = formatting.qualified(row["actual"], row.get("qualifier"), unit)
    text = value + unit_word(unit)
    # A ratio only where the goal counts the same thing; the report's own
    # judgement is the headline, not a bar label.
    comparison = formatting.ratio_words(row) if formatting.same_measure(row) else None
    if comparison:
        text += f" ({comparison})"
    if expected:
        text += " (forecast)"
    return Bar(
        "Forecast" if expected else "Result",
        float(row["actual"]),
        text,
        "expected" if expected else "achieved",
        label=value,
    )


def goal_bars(row: Mapping[str, Any]) -> list[Bar]:
    unit, low, high = row.get("unit"), row.get("target_low"), row.get("target_high")
    words = unit_word(unit)
    goal = formatting.target(low, high, row.get("target_qualifier"), unit)
    if float(low) == float(high):
        return [Bar("Goal", float(low), f"goal: {goal}{words}", "goal", label=goal)]
    low_text = formatting.number(float(low), unit)
    high_text = formatting.number(float(high), unit)
    # Each end of a range is its own bar, named as such; the headline gives the range whole.
    lower = f"{low_text}{words} (lower end of {goal})"
    upper = f"{high_text}{words} (upper end of {goal})"
    return [
        Bar("Goal: lower end", float(low), lower, "goal low", label=low_text),
        Bar("Goal: upper end", float(high), upper, "goal high", label=high_text),
    ]


def unreported_line(row: Mapping[str, Any]) -> str:
    """'Referrals into People Hub Cornwall: goal 50 referrals; no figure published'."""
    unit = row.get("unit")
    goal = formatting.target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    measure = lower_start(row["measure"])
    if goal:
        return f"{sentence_start(measure)}: goal {goal}{unit_word(unit)}; no figure published"
    return f"{sentence_start(measure)}: no figure published"


def projector_headline(row: Mapping[str, Any]) -> str:
    """The chart's headline on a slide. A goal set for another measure is only
    named as such here, so the headline stays short enough to leave the chart
    half the slide; what that goal counted is in the speaker notes and handout."""
    if formatting.same_measure(row):
        return sentence_start(formatting.result_sentence(row))
    unit = row.get("unit")
    result = formatting.qualified(row["actual"], row.get("qualifier"), unit) + unit_word(unit)
    said = formatting.judgement(row)
    if said:
        return sentence_start(f"{result}{_period(row)}; {said[0].lower() + said[1:]}")
    goal = formatting.target(row.get("target_low"), row.get("target_high"), row.get("target_qualifier"), unit)
    noun = "goal" if float(row["target_low"]) == float(row["target_high"]) else "goal range"
    if row.get("goal_same_measure") is None or not str(row.get("goal_measure") or "").strip():
        return sentence_start(
            f"{result}; the sources do not say whether the {noun} of {goal}{unit_word(unit)} counted "
            "the same thing"
        )
    return sentence_start(f"{result}; the {noun} of {goal}{unit_word(unit)} was for something else")


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
        return None, "no results in the sources", ""
    # A result with a published figure before one without: a slide never shows
    # only a missing figure when the pilot published another (Bodmin: no count of
    # referrals, but four follow-on initiatives with DWP).
    primary = next((o for o in outputs if reported(o)), outputs[0])
    own_source = source_line([(primary.get("source_title"), primary.get("locator"))])
    if not reported(primary):
        return None, unreported_line(primary), own_source
    subtitle = f"{_case_name(case)}: {lower_start(primary['measure'])}{_period(primary)}"
    if primary.get("target_low") is not None:
        sentence = formatting.result_sentence(primary)
        if not formatting.compared(primary):
            # The goal counted something else and the source does not compare
            # them: two numbers in words, never two bars on one axis.
            return None, f"{lower_start(primary['measure'])}: {sentence}", own_source
        bars = [result_bar(primary), *goal_bars(primary)]
        headline = projector_headline(primary)
        care = formatting.caveat(primary)
        if care and not formatting.same_measure(primary):
            subtitle += f". Why care is needed: {lower_start(care)}"
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
            label=flow_text,
        )
        sentence = f"{result.text} against {flow_text} of {flow['flow_kind']} investment"
        source = source_line(
            [(money["source_title"], money["locator"]), (flow["source_title"], flow["locator"])]
        )
        subtitle = f"{_case_name(case)}: {lower_start(money['measure'])} and the investment it needed"
        return _chart(sentence_start(sentence), subtitle, source, money, [invested, result]), sentence, source
    return None, measure_result(primary), own_source
