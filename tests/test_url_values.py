"""Values from a URL, on every page and in every parameter the page reads:
shown as text, and quoted short (security review 2026-12-06, findings 3
and 4). The parameters are found by running each page (tests/url_params.py),
so a parameter added later is attacked too."""

from __future__ import annotations

import pytest

from fivebarriers import reflected
from fivebarriers.views import compare, markdown_text, navigation
from fivebarriers.views.markdown_text import escape_md
from fivebarriers.workshop import present
from tests.test_browser_injection import PAYLOAD
from tests.url_params import attacked, run_page

# The review's reproduction on /compare?ids= (finding 3), and a value far longer
# than any id (finding 4: Streamlit passes on query strings of at least 500 KB).
ATTACK = "nope" + PAYLOAD + " [Your session expired - sign in again](https://evil.example/login)"
LONG = "nope" + "z" * 20_000  # 13 of them still fit in the 512 KB Streamlit passes on
# Markdown that would make an image, a link, colour, bold, HTML or maths.
RENDERED = ("![PWNEDIMG](", "[PWNEDLINK](", ":red[PWNEDRED]", "**PWNEDBOLD**", "<b>PWNEDHTML", "$PWNEDMATH$",
            "[Your session expired - sign in again](")  # fmt: skip
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error",
                  "success")  # fmt: skip


def shown_markdown(at) -> list[str]:
    """The Markdown source of every element that renders it."""
    return [str(e.value) for kind in MARKDOWN_KINDS for e in getattr(at, kind)]


# What changed reads ?page= only when its list has a second page, which the test data has not;
# Workshops reads ?place= only once a workshop's answers are saved (tests/test_workshop_answers.py
# attacks it with answers saved).
QUOTES_NOTHING = {"changes", "workshops"}
PAGES = [spec for spec in navigation.PAGES if spec.url_path not in ("upload", "accessibility")]


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_parameter_of_every_page_shows_a_crafted_value_as_text(spec) -> None:
    params = attacked(spec.url_path, spec.path, ATTACK)
    at = run_page(spec.path, dict.fromkeys(params, ATTACK))
    assert not at.exception, [e.value for e in at.exception]
    texts = shown_markdown(at)
    for text in texts:
        assert not any(r in text for r in RENDERED), (spec.url_path, text[:300])
    # The value reaches the page (here as text): on Compare, the review's finding 3.
    if spec.url_path not in QUOTES_NOTHING:
        assert any("PWNEDLINK" in t for t in texts), spec.url_path


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_a_long_value_is_quoted_short_on_every_page(spec) -> None:
    params = attacked(spec.url_path, spec.path, ATTACK)  # the same parameters, found once
    at = run_page(spec.path, dict.fromkeys(params, LONG))
    assert not at.exception, [e.value for e in at.exception]
    quoted = [t for t in shown_markdown(at) if "nopezzz" in t]
    assert quoted or spec.url_path in QUOTES_NOTHING, spec.url_path
    for text in quoted:
        assert len(text) < 1_000, (spec.url_path, len(text), text[:200])
        # A value the page cannot use is quoted short; words the page searches for (Search,
        # the Explorer's words filter) are cut to 200 characters where they are read.
        assert "zzz…" in text or "The link asks for" not in text, (spec.url_path, text[:200])


def test_shorten_keeps_short_values_and_cuts_long_ones() -> None:
    assert reflected.shorten("liverpool") == "liverpool"
    exact = "x" * reflected.SHOWN
    assert reflected.shorten(exact) == exact
    assert reflected.shorten(exact + "y") == exact + "…"


def test_messages_quote_a_long_value_short() -> None:
    _, message = compare.parse_ids("liverpool," + LONG, {"liverpool": "Liverpool"}, "place")
    assert message is not None and len(message) < 300 and "z…" in message
    _, message = present.parse_slide(LONG, 12)
    assert message is not None and len(message) < 300
    assert len(present.bad_filter_message("place", LONG)) < 300


def test_compare_escapes_the_ids_it_quotes() -> None:
    raw = "liverpool,nope ![i](https://evil.example/t.png) [sign in](https://evil.example/login) :red[W]"
    _, message = compare.parse_ids(raw, {"liverpool": "Liverpool"}, "place")
    assert message is not None
    assert "![i](" not in message and "[sign in](" not in message and ":red[W]" not in message
    # Shown, it reads as the ids typed.
    assert "nope \\!\\[i\\]" in message


@pytest.mark.slow
def test_distinct_long_texts_are_not_kept_by_the_escaping_cache() -> None:
    markdown_text._escaped.cache_clear()
    for i in range(500):
        text = f"The link asks for place “{i:05d}{'z' * 20_000}”, which is not in the data."
        assert escape_md(text) == markdown_text._escape(text)  # the same answer, not kept
    assert markdown_text._escaped.cache_info().currsize == 0
    # Short texts (names from the data) are kept, and the cache cannot hold more than
    # its entries times the longest text it keeps.
    for i in range(100):
        escape_md(f"Place {i}")
    info = markdown_text._escaped.cache_info()
    assert info.currsize == 100
    assert info.maxsize * markdown_text.CACHED_UP_TO <= 4_000_000  # characters, before escaping
