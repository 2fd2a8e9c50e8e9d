"""How much weight a result's figure can bear: the short fixed list of
strengths of evidence, weakest first, each in words a reader understands
without a glossary. The data wing validates against it, `check` enforces it
(queries/check_outputs.sql repeats the words), and the pages, slides and
deck show the label beside every figure and explain it once."""

from __future__ import annotations

# label -> what it means, for the "Words it uses" lists
MEANINGS: dict[str, str] = {
    "a projection": "what a plan or business case expected to happen, not something that happened",
    "reported in an article": "a figure given in a newspaper or magazine article, with no evaluation cited",
    "reported by the programme": "the pilot's or programme's own count, as its own report gives it",
    "an independent evaluation": "a study by researchers outside the programme that describes what happened",
    "an independent impact evaluation": (
        "a study by researchers outside the programme that tested whether the programme itself "
        "made the difference"
    ),
}
STRENGTHS: tuple[str, ...] = tuple(MEANINGS)

# Written by `fivebarriers upgrade` for a result carried over from an older
# file that no one has judged yet: shown as such, never loadable.
NOT_YET_ASSESSED = "not yet assessed"

DEFINITION = "Strength of evidence: what stands behind a figure, weakest first. " + " ".join(
    f"“{label.capitalize()}”: {meaning}." for label, meaning in MEANINGS.items()
)


def label(value: object) -> str:
    """The label shown beside a figure: the stored words, or '' when there are none."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip()
    return text[:1].upper() + text[1:] if text else ""
