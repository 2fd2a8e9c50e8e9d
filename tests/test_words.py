"""One word per idea, plain words, plurals right (issue 25, item 2; GUIDE §5b).

Every page is rendered through AppTest with its default choice and at least one
other (pilot, place, barrier, department, programme), and each headline (title,
header, subheader: chart headlines are headers too) and chart subtitle is read:
- no headline holds an internal word from fivebarriers.words.INTERNAL_TERMS;
- no count disagrees with its noun or verb ("1 pilots", "1 were", "0 … were");
- no chart is drawn empty: a chart with nothing to draw is a sentence and its table.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from fivebarriers import words
from tests.test_pages import run_page

# (page, URL parameters): every page with its default, and another of each kind.
VIEWS: list[tuple[str, dict[str, str]]] = [
    ("pages/overview.py", {}),
    ("pages/overview.py", {"programme": "troubled-families"}),
    ("pages/barriers.py", {}),
    ("pages/barriers.py", {"barrier": "data-sharing"}),
    ("pages/barriers.py", {"barrier": "culture"}),
    ("pages/barriers.py", {"barrier": "funding"}),
    ("pages/places.py", {}),
    ("pages/places.py", {"place": "sunderland"}),
    ("pages/places.py", {"place": "hastings"}),
    ("pages/pilots.py", {}),
    ("pages/pilots.py", {"pilot": "bodmin-skills"}),
    ("pages/pilots.py", {"pilot": "troubled-families-national"}),
    ("pages/departments.py", {}),
    ("pages/departments.py", {"department": "dwp"}),
    ("pages/programmes.py", {}),
    ("pages/programmes.py", {"programme": "troubled-families"}),
    ("pages/explorer.py", {}),
    ("pages/compare.py", {}),
    ("pages/compare.py", {"kind": "pilot"}),
    ("pages/sources.py", {}),
    ("pages/changes.py", {}),
    ("pages/search.py", {"q": "Croxteth"}),
]


def view_id(view: tuple[str, dict[str, str]]) -> str:
    path, params = view
    return path.removeprefix("pages/").removesuffix(".py") + "".join(f"-{v}" for v in params.values())


@cache
def rendered(index: int) -> AppTest:
    path, params = VIEWS[index]
    return run_page(path, timeout=90, **params)


def headlines(at: AppTest) -> list[str]:
    """Every heading on the page, as shown (escapes for Markdown removed)."""
    found = [str(e.value) for kind in ("title", "header", "subheader") for e in getattr(at, kind)]
    return [h.replace("\\", "") for h in found]


def chart_subtitles(at: AppTest) -> list[str]:
    """The line under each chart headline: the Markdown right after a header."""
    out, after_heading = [], False
    for element in at.main:
        kind = type(element).__name__
        if kind in ("Header", "Subheader", "Title"):
            after_heading = True
            continue
        if after_heading and kind == "Markdown":
            out.append(str(element.value).replace("\\", ""))
        after_heading = False
    return out


def internal_terms_in(text: str) -> list[str]:
    lowered = text.lower()
    return [t for t in words.INTERNAL_TERMS if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", lowered)]


# A count and the noun or verb right after it: '1 pilots', '1 places were', '0 … was'.
NOUNS = (
    "pilot", "place", "result", "goal", "finding", "recommendation", "barrier", "department",
    "programme", "source", "section", "figure", "initiative", "row", "load", "match",
)  # fmt: skip


def plural_mistakes(text: str) -> list[str]:
    """Counts that disagree with the noun or verb after them. A singular noun after
    a count above 1 is a mistake only at the end of a phrase ('3 pilot.'), not
    when it describes the next noun ('13 pilot places', '3 barrier findings')."""
    mistakes = []
    for m in re.finditer(r"(?<![\d.,£])(\d(?:[\d,]*\d)?)\s+([a-z]+)(\s+[a-z]+)?", text):
        count, word, after = int(m.group(1).replace(",", "")), m.group(2), (m.group(3) or "").strip()
        for noun in NOUNS:
            plural_form = noun + ("es" if noun.endswith("ch") else "s")
            if count == 1 and word == plural_form:
                mistakes.append(f"{m.group(1)} {word}")
            if count != 1 and word == noun and (not after or after in AGREEING_VERBS):
                mistakes.append(f"{m.group(1)} {word}")
        if count == 1 and word == "were":
            mistakes.append(f"{m.group(1)} {word}")
    # '1 … are' within a clause: '1 of these 2 links are'.
    mistakes += re.findall(r"(?<![\d,])\b1 of (?:these|the) [\d,]+ \w+ are\b", text)
    # '0 were …': say 'none was' or leave the clause out.
    mistakes += re.findall(r"(?<![\d,])\b0 (?:were|was)\b", text)
    return mistakes


AGREEING_VERBS = ("was", "were", "is", "are", "has", "have", "had", "tackled", "passed", "fell")


def is_empty(figure: dict) -> bool:
    """A figure with no mark on it: no trace with a value to draw. A bar's value
    is on its length axis (x for a horizontal bar); its other axis only places it."""
    for trace in figure.get("data", []):
        if trace.get("type", "scatter") == "bar":
            value_axes = ("x",) if trace.get("orientation") == "h" else ("y",)
        else:
            value_axes = ("x", "y", "lat", "lon", "values", "z")
        for axis in value_axes:
            values = trace.get(axis)
            if values is not None and any(v is not None for v in _flat(values)):
                return False
    return True


def _flat(values) -> list:
    if isinstance(values, dict):  # plotly's typed arrays {"dtype", "bdata"}
        return [1] if values.get("bdata") else []
    out = []
    for v in values:
        out += _flat(v) if isinstance(v, list) else [v]
    return out


INDEXES = range(len(VIEWS))
IDS = [view_id(v) for v in VIEWS]


@pytest.mark.parametrize("index", INDEXES, ids=IDS)
def test_no_headline_uses_an_internal_word(index):
    at = rendered(index)
    bad = {h: internal_terms_in(h) for h in headlines(at) if internal_terms_in(h)}
    assert not bad, bad


@pytest.mark.parametrize("index", INDEXES, ids=IDS)
def test_headlines_and_chart_titles_have_their_plurals_right(index):
    at = rendered(index)
    texts = (
        headlines(at)
        + chart_subtitles(at)
        + [str(e.value) for e in at.caption]
        + [str(e.value) for e in at.markdown]
    )
    bad = {t: plural_mistakes(t) for t in texts if plural_mistakes(t)}
    assert not bad, bad


@pytest.mark.parametrize("index", INDEXES, ids=IDS)
def test_no_chart_is_drawn_empty(index):
    import json

    at = rendered(index)
    charts = at.get("plotly_chart")
    for chart in charts:
        figure = json.loads(chart.proto.spec)
        assert not is_empty(figure), figure.get("layout", {}).get("title")


def test_the_checks_catch_what_they_are_for():
    """The helpers above are tests too: each catches the mistake it names."""
    assert internal_terms_in("0 of 1 reported result with a like-for-like goal beat it") == ["like-for-like"]
    assert internal_terms_in("Results recorded") == ["recorded"]
    assert internal_terms_in("Goals that count the same thing") == []
    assert plural_mistakes("1 pilots tackled it") == ["1 pilots"]
    assert plural_mistakes("2 worked on this barrier; 0 were held back by it") == ["0 were"]
    assert plural_mistakes("5 worked on it; 1 were held back by it") == ["1 were"]
    assert plural_mistakes("1 pilot tackled it and 2 were held back by it") == []
    assert plural_mistakes("To PfPP and its 13 pilot places; 3 barrier findings.") == []
    assert plural_mistakes("Came up in 3 place.") == ["3 place"]
    assert plural_mistakes("departments 11, places 4") == []
    assert is_empty({"data": [{"type": "bar", "x": [], "y": []}]})
    assert is_empty({"data": [{"type": "bar", "orientation": "h", "x": [None], "y": [30.5]}]})
    assert not is_empty({"data": [{"type": "bar", "x": [1], "y": ["a"]}]})


def test_words_module_is_the_one_place_for_each_word():
    assert words.plural(1, "pilot") == "1 pilot"
    assert words.plural(2, "pilot") == "2 pilots"
    assert words.plural(1_204, "result") == "1,204 results"
    assert words.verb(1, "was", "were") == "was" and words.verb(0, "was", "were") == "were"
    assert words.DEPARTMENT_ROLES["named"] == "mentioned only"
    lines = words.glossary_lines()
    assert len(lines) == len(words.GLOSSARY)
    assert not any(internal_terms_in(line.split(":")[0]) for line in lines)


@pytest.fixture(scope="module")
def stories(built_db) -> list:
    from fivebarriers.store.db import Database
    from fivebarriers.workshop import storyboard
    from fivebarriers.workshop.model import Filters

    with Database(built_db) as db:
        return [
            storyboard.build_from_db(db),
            storyboard.build_from_db(db, Filters(place="liverpool")),
            storyboard.build_from_db(db, Filters(programme="troubled-families")),
        ]


def test_slides_say_it_in_the_same_words(stories):
    """The slides and the deck built from them: no internal word in a title, a
    chart headline or a big number's label, and every count agrees with its noun."""
    for story in stories:
        for slide in story.slides:
            heads = [slide.kicker, slide.title, *(t.label for t in slide.tiles)]
            if slide.chart is not None:
                heads += [slide.chart.headline, slide.chart.subtitle]
            bad = {h: internal_terms_in(h) for h in heads if internal_terms_in(h)}
            assert not bad, (slide.key, bad)
            wrong = {t: plural_mistakes(t) for t in slide.texts() if plural_mistakes(t)}
            assert not wrong, (slide.key, wrong)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(path=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), max_size=40))
def test_a_source_address_becomes_read_it_text_and_comes_back_exactly(path):
    """Review C8 62: 'Read it on gov.uk', not the raw address; whatever the address
    holds, the link's target cannot end early and decodes to the address itself."""
    from fivebarriers.views.pilots import read_it_link

    url = "https://www.gov.uk/" + path
    link = read_it_link(url)
    assert link.startswith("[Read it on gov\\.uk](") and link.endswith(")")
    target = link[len("[Read it on gov\\.uk](") : -1]
    assert not any(c in target for c in "()<>[] \n")
    assert unquote(target) == unquote(url)  # an address already percent-encoded stays so
