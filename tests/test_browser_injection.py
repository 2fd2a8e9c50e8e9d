"""Markdown and HTML from the data or the URL is shown as text on every page
(security review 2026-11-28, findings 4 and 5).

A database is built from data/ and then every text column of every table
has a payload appended: an image, links, bare URLs and an e-mail address
(GitHub-flavoured autolinks), Streamlit's :red[…] colour and :material: icon,
bold, HTML and $maths$. Key columns get the same suffix in every table, so
joins still match and the ids themselves (which reach URLs and select boxes)
carry the payload too; only columns that a CHECK constraint limits to a list
of words keep their values. Every page is then walked in Chromium, and
every URL parameter is given the payload, asserting that no <img>, <a>,
styled span, bold or maths comes of it and that the payload is on the
page as plain text (review 2026-12-06, finding 3: every page, every parameter)."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from fivebarriers.auth import ENV_HASH, hash_password
from fivebarriers.store import schema, search_index, summaries
from fivebarriers.views import navigation
from tests.conftest import (
    AppServer,
    assert_no_exception,
    loose_copy,
    open_page,
    screenshot,
    visit,
)
from tests.url_params import attacked

MARKERS = ("PWNEDIMG", "PWNEDLINK", "PWNEDRED", "PWNEDBOLD", "PWNEDHTML", "PWNEDMATH", "PWNEDEM")
PAYLOAD = (
    " ![PWNEDIMG](https://evil.example/t.png) [PWNEDLINK](https://evil.example/login)"
    " :red[PWNEDRED] **PWNEDBOLD** <b>PWNEDHTML</b> _PWNEDEM_ $PWNEDMATH$"
    " https://evil.example/auto www.evil.example x@evil.example :material/warning: :smile:"
)
# What the page must show, character for character, where the payload lands.
SHOWN = ":red[PWNEDRED] **PWNEDBOLD** <b>PWNEDHTML</b> _PWNEDEM_ $PWNEDMATH$"
SHOWN_CODES = "x@evil.example :material/warning: :smile:"  # no icon, no emoji
PASSWORD = "correct-horse-battery"

# Everything on the page that Markdown or HTML from data could have made.
INJECTED_JS = """markers => {
  const out = [];
  // The page and every shadow root in it (the Present page draws its slides in one).
  const roots = [document];
  for (let i = 0; i < roots.length; i++)
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  const all = selector => roots.flatMap(r => [...r.querySelectorAll(selector)]);
  for (const img of all('img'))
    if (img.src.includes('evil') || markers.includes(img.alt)) out.push('img ' + img.src);
  for (const a of all('a'))
    // A header's own anchor (#slug of its text) stays on the page; a link elsewhere does not.
    if ((a.href && new URL(a.href, location.href).hostname.includes('evil'))
        || markers.some(m => a.textContent.trim() === m))
      out.push('a ' + a.href);
  for (const el of all('strong, b, em, i, span, mark, code, del'))
    if (markers.some(m => el.textContent.trim() === m)) out.push(el.outerHTML.slice(0, 120));
  if (all('.katex, math').length) out.push('maths');
  return out;
}"""


def enum_columns() -> set[tuple[str, str]]:
    """(table, column) pairs that schema.sql limits to a list of words."""
    found: set[tuple[str, str]] = set()
    table = None
    for line in schema.ddl().splitlines():
        start = re.match(r"create table (\w+)", line)
        if start:
            table = start.group(1)
        for column in re.findall(r"check \((?:\w+ is null or )?(\w+) in \(", line):
            found.add((table, column))
    return found


def poison(db: Path) -> list[tuple[str, str]]:
    """Append PAYLOAD to every text column of every table of `db` (built
    without constraints, so keys can change in step); return what changed."""
    con = duckdb.connect(str(db))
    try:
        keep = enum_columns() | {("build_info", "key"), ("ingest_batches", "outcome")}
        con.execute(
            "insert into ingest_batches values ('20261128-000000-abcdef', 'outputs', 'wave.csv', "
            "'0', 'A. Analyst', now()::timestamp, 0, 'loaded', null, 'note', null)"
        )
        # A workshop's saved answers, so the Workshops page shows data (built, it has none).
        con.execute(
            "insert into workshop_answers values ('room-1', 'barrier-most', 'Which barrier?', 'Funding', "
            "3, 'bodmin', date '2026-11-03', 'funding', '20261128-000000-abcdef')"
        )
        columns = con.execute(
            "select table_name, column_name from duckdb_columns() "
            "where data_type = 'VARCHAR' and table_name in (select unnest($t)) order by all",
            {"t": list(schema.TABLE_ORDER)},
        ).fetchall()
        changed = [(t, c) for t, c in columns if (t, c) not in keep]
        for table, column in changed:
            # Names from the catalogue itself; an identifier cannot be a parameter.
            con.execute(f'update "{table}" set "{column}" = "{column}" || $p', {"p": PAYLOAD})
        # The schema stamp is read by the app to tell a current file from an older
        # one (never shown): poisoned, the app would only ask for an upgrade.
        con.execute(
            "update build_info set value = replace(value, $p, '') "
            "where key in ('schema_version', 'schema_sha256')",
            {"p": PAYLOAD},
        )
        summaries.refresh(con)
        search_index.rebuild(con)  # so the Search page finds the poisoned names too
        return changed
    finally:
        con.close()


@pytest.fixture(scope="module")
def poisoned(loose_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str]]]:
    path = loose_copy(loose_db, tmp_path_factory.mktemp("poisoned"), "fivebarriers.duckdb")
    return path, poison(path)


@pytest.fixture(scope="module")
def poisoned_app(poisoned):
    server = AppServer(poisoned[0], env={ENV_HASH: hash_password(PASSWORD)})
    yield server
    server.stop()


def injected(pg) -> list[str]:
    return pg.evaluate(INJECTED_JS, list(MARKERS))


def body_text(pg) -> str:
    return pg.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


def test_every_text_column_is_poisoned(poisoned) -> None:
    _, changed = poisoned
    tables = {t for t, _ in changed}
    # Every table that has text, including names, summaries, measures, units and locators.
    for table, column in [("places", "name"), ("pilots", "summary"), ("outputs", "measure"),
                          ("outputs", "unit"), ("outputs", "locator"), ("places", "place_id"),
                          ("ingest_batches", "file_name")]:  # fmt: skip
        assert (table, column) in changed
    assert tables == set(schema.TABLE_ORDER)


@pytest.mark.parametrize("spec", navigation.PAGES, ids=lambda s: s.url_path)
def test_data_from_the_database_is_shown_as_text(poisoned_app, tab, spec) -> None:
    page = tab
    # The Search page shows data only for a query: ask for a poisoned name (by a word
    # of its own, since the words a search matched are bold by design).
    query = "?q=croxteth" if spec.url_path == "search" else ""
    visit(page, f"{poisoned_app.url}/{spec.url_path}{query}")
    if spec.url_path == "upload":
        page.get_by_label("Upload password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Load history").wait_for()
        page.wait_for_timeout(1500)
    # Open every expander and tab so their contents are drawn too. The expanders
    # are clicked in one go in the page (Sources has 34: one Playwright click each,
    # with its wait for the element to settle, took 30 s).
    # Only the closed ones: a click on an open one would close it.
    page.evaluate(
        """() => { for (const s of document.querySelectorAll('[data-testid="stMain"] details > summary'))
                     if (!s.parentElement.open) s.click(); }"""
    )
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMain"] details')].every(d => d.open)"""
    )
    # Every tab a reader can see and click (a tab inside a hidden panel has nothing to show).
    for heading in page.locator('[data-testid="stMain"] [role="tab"]').all():
        if heading.is_visible():
            heading.click()
        assert injected(page) == [], spec.url_path
    page.wait_for_timeout(500)
    screenshot(page, f"injection-{spec.url_path}")
    assert_no_exception(page)
    assert injected(page) == []
    # The slides show counts and our own words, not names; the accessibility
    # statement shows no data at all; the phone page shows only the room's question,
    # whose words come from the shipped data/ files: the payload cannot reach them.
    if spec.url_path not in ("present", "accessibility", "vote"):
        text = body_text(page)
        assert SHOWN in text and SHOWN_CODES in text, "the payload should reach this page, as text"


def test_every_slide_and_its_notes_show_data_as_text(poisoned_app, page) -> None:
    open_page(page, f"{poisoned_app.url}/present?slide=1")
    page.get_by_text("Show speaker notes").click()
    # The slide, its counter and its notes are drawn in the slideshow's shadow root;
    # Playwright's CSS locators reach into it.
    show = page.locator(".fb-root").first
    counter = show.locator(".controls .where")
    expect(show.locator(".notes-panel")).to_be_visible(timeout=30_000)
    seen = 0
    while True:
        assert_no_exception(page)
        assert injected(page) == [], page.url
        seen += SHOWN in show.inner_text()
        where = counter.inner_text()
        number, total = (int(n) for n in where.split(" of "))
        if number == total:
            break
        show.get_by_role("button", name="Next").click()
        expect(counter).to_have_text(f"{number + 1} of {total}", timeout=60_000)
        expect(show.locator(".notes-panel")).to_be_visible(timeout=30_000)
    assert seen, "some slide or its notes should show a name from the data"


# A value from the URL is quoted up to 80 characters (fivebarriers.reflected), so
# the link's payload comes in two short halves, each shown whole; together they
# hold every kind of Markdown that PAYLOAD holds.
URL_PAYLOADS = (
    ("![PI](http://evil.x/i) [PL](http://evil.x/l) :red[PR] **PB** <b>PH</b>",
     "[PL](http://evil.x/l) :red[PR] **PB** <b>PH</b>"),
    ("_PE_ $PM$ http://evil.x/a www.evil.x a@evil.x :material/warning: :smile:",
     "_PE_ $PM$ http://evil.x/a www.evil.x a@evil.x :material/warning: :smile:"),
)  # fmt: skip
URL_MARKERS = ["PI", "PL", "PR", "PB", "PH", "PE", "PM"]
# What changed reads ?page= only when its list has a second page, which the test data has not;
# Workshops reads ?place= only once a workshop's answers are saved, and the test data has none.
QUOTES_NOTHING = {"changes", "upload", "accessibility", "workshops"}


@pytest.mark.parametrize("spec", navigation.PAGES, ids=lambda s: s.url_path)
@pytest.mark.parametrize("half", [0, 1])
def test_a_crafted_link_shows_its_value_as_text(app_server, tab, spec, half) -> None:
    page = tab
    # Every parameter the page reads (found by running it: tests/url_params.py),
    # poisoned at once, in one visit; a page that reads none gets one it ignores.
    value, shown = URL_PAYLOADS[half]
    params = attacked(spec.url_path, spec.path, URL_PAYLOADS[0][0]) or ["x"]
    query = urllib.parse.urlencode(dict.fromkeys(params, value))
    visit(page, f"{app_server.url}/{spec.url_path}?{query}")
    assert_no_exception(page)
    assert page.evaluate(INJECTED_JS, URL_MARKERS) == []
    if spec.url_path not in QUOTES_NOTHING:
        assert shown in body_text(page), (spec.url_path, params)
