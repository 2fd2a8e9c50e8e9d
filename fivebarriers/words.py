"""The product's words, written down once: one word for each idea on every
page, chart, slide, deck, handout, export and help text (GUIDE §5b), the
internal words a reader should never meet, with the word to use instead, and
the plural helper every count goes through.

It sits at the package root so every wing can import it (tests/test_layering.py).
The stored values (`addressed`, `our reading`, `named`, `programme-wide`) stay
as they are in the data: the maps below turn them into the words a page says.
The About tab's "Words it uses" is rendered from `GLOSSARY`, one line a word."""

from __future__ import annotations

from fivebarriers import evidence

RESULT, RESULTS = "result", "results"
GOAL = "goal"
TACKLED = "tackled"
HELD_BACK_BY = "held back by"
MENTIONED_ONLY = "mentioned only"
FIGURE_PUBLISHED = "figure published"
NO_FIGURE_PUBLISHED = "no figure published"
FORECAST = "forecast"
REPORT_SAYS_SO = "the report says so"
OUR_JUDGEMENT = "our judgement"

# pilot_barriers.role, as stored -> what the pages say ("it tackled it").
BARRIER_ROLES: dict[str, str] = {"addressed": "tackled it", "faced": "held back by it"}
# pilot_barriers.basis / barrier_evidence.basis, as stored -> how we know.
BASIS: dict[str, str] = {"stated in source": REPORT_SAYS_SO, "our reading": OUR_JUDGEMENT}
# pilot_departments.role, as stored -> what the pages say.
DEPARTMENT_ROLES: dict[str, str] = {
    "lead": "led",
    "partner": "partner",
    "engaged": "engaged (talks or help)",
    "named": MENTIONED_ONLY,
}
# pilots.scope, as stored -> the type of pilot a reader sees.
PILOT_TYPES: dict[str, str] = {
    "pilot": "pilot",
    "case study": "case study",
    "programme-wide": "national programme",
}

# One heading wherever a page lists the departments tied to a pilot, place or
# programme: it lists every role, "mentioned only" included (data audit NI3).
DEPARTMENTS_HEADING = "Departments the sources name, by role"

JUDGEMENT = "the report's judgement"
QUALIFIERS = "over, at least, about"

# places.kind, as stored -> the type of place a reader knows (review C8 41).
PLACE_TYPES: dict[str, str] = {"local authority": "council area"}


def place_type(kind: object) -> str:
    """'council area' for a stored 'local authority'; other kinds as they are."""
    return PLACE_TYPES.get(str(kind), str(kind))


# word -> what it means, in plain words: the About tab's "Words it uses" (each
# chart lists the words it relies on) and the Sources & method page (all of them).
GLOSSARY: dict[str, str] = {
    RESULT: "what a pilot achieved or expects to achieve, as its source gives it",
    GOAL: (
        "what the pilot set out to reach; where the source gives a range (100 to 150 homes), a bar "
        "is measured against its lower end (100) and the range is shaded"
    ),
    FORECAST: (
        "a result the source expects, not one already achieved; forecasts are hatched and labelled "
        "“(forecast)”, results already achieved are solid"
    ),
    NO_FIGURE_PUBLISHED: (
        "the source names the result but gives no number; it is written out, never drawn as 0"
    ),
    QUALIFIERS: ("kept as the source words them: “over 550” is drawn at 550 but never written as a bare 550"),
    JUDGEMENT: (
        "where the report itself compares a result with a goal that counted something else, we show "
        "its comparison, say that it is the report's, and give the reason for care beside it"
    ),
    TACKLED: "the pilot set out to overcome the barrier",
    HELD_BACK_BY: "the barrier got in the pilot's way",
    REPORT_SAYS_SO: "the report itself links the pilot or finding to the barrier",
    OUR_JUDGEMENT: "the report does not make the link; the team did, from what the report describes",
    MENTIONED_ONLY: "a department the report mentions, but that did not lead, work on or advise the pilot",
    **evidence.MEANINGS,
}
# The words a chart of results against goals relies on, in the order a reader meets them.
GOAL_CHART_WORDS: tuple[str, ...] = (
    GOAL,
    NO_FIGURE_PUBLISHED,
    FORECAST,
    JUDGEMENT,
    QUALIFIERS,
    *evidence.STRENGTHS,
)
COUNT_CHART_WORDS: tuple[str, ...] = (RESULT, NO_FIGURE_PUBLISHED, FORECAST)

# Internal word -> the word to use instead. No page headline may contain one
# (tests/test_words.py); the same holds for slides and the deck's titles.
INTERNAL_TERMS: dict[str, str] = {
    "like-for-like": "a goal that counts the same thing",
    "unrecorded": "not published, or not in the sources",
    "recorded": "in the sources",
    "scope": "what the page covers",
    "links": "the report says so / our judgement",
    "batch": "load",
    "output": RESULT,
    "outputs": RESULTS,
    "aim": GOAL,
    "target": GOAL,
    "intended": GOAL,
    "addressed": TACKLED,
    "worked on": TACKLED,
    "faced": HELD_BACK_BY,
    "named only": MENTIONED_ONLY,
    "our reading": OUR_JUDGEMENT,
    "stated in source": REPORT_SAYS_SO,
    "not reported": NO_FIGURE_PUBLISHED,
    "programme-wide": "national programme",
}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 pilot', '2 pilots', '1,204 results'; irregular plurals passed in ('1 was', '2 were')."""
    word = singular if int(count) == 1 else (plural_form or singular + "s")
    return f"{int(count):,} {word}"


def verb(count: int, singular: str, plural_form: str) -> str:
    """The verb that agrees with a count: verb(1, 'was', 'were') -> 'was'."""
    return singular if int(count) == 1 else plural_form


def glossary_lines(words: tuple[str, ...] | None = None) -> list[str]:
    """'Goal: what the pilot set out to reach …', one line a word, for the About tab."""
    chosen = words if words is not None else tuple(GLOSSARY)
    return [f"{word[:1].upper()}{word[1:]}: {GLOSSARY[word]}." for word in chosen]


def join_and(items: list[str] | tuple[str, ...]) -> str:
    """'structures', 'structures and funding', 'priorities, structures and funding'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def barrier_roles_sentence(tackled: list[str], held_back: list[str]) -> str:
    """What a pilot did about the barriers, in two short sentences (review C8 58, 59):
    'It tackled priorities. Structures and funding held it back.', or
    'Culture was both a barrier it tackled and one that held it back.'"""
    both = [b for b in tackled if b in held_back]
    only_tackled = [b for b in tackled if b not in both]
    only_held = [b for b in held_back if b not in both]
    parts = []
    if both:
        names = join_and(both)
        which = "barriers" if len(both) > 1 else "a barrier"
        ones = "ones" if len(both) > 1 else "one"
        parts.append(
            f"{names[:1].upper()}{names[1:]} {'were' if len(both) > 1 else 'was'} both {which} "
            f"it tackled and {ones} that held it back."
        )
    if only_tackled:
        also = " also" if both else ""
        parts.append(f"It{also} tackled {join_and(only_tackled).lower()}.")
    if only_held:
        names = join_and(only_held)
        parts.append(f"{names[:1].upper()}{names[1:].lower()} held it back.")
    return " ".join(parts)


def barrier_roles_cell(tackled: list[str], held_back: list[str]) -> str:
    """A table cell: 'Tackled structures. Held back by data-sharing.' (review C8 45)."""
    parts = []
    if tackled:
        parts.append(f"Tackled {join_and(tackled).lower()}.")
    if held_back:
        parts.append(f"Held back by {join_and(held_back).lower()}.")
    return " ".join(parts)
