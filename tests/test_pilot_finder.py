"""The pilot finder (views/pilot_finder.py): the Pilots page and the Results
explorer send a few pilots, never all of them, find any pilot by typing,
and keep the choice in the address (?pilot=)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from fivebarriers.config import ENV_DB
from fivebarriers.data import synth
from fivebarriers.views import pilot_finder
from tests.test_pages import run_page

PILOTS = 3_000


@pytest.fixture(scope="module")
def many_pilots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("finder") / "synth-pilots.duckdb"
    synth.synth(db, 6_000, seed=5, pilots=PILOTS)
    return db


def _open(path: str, **params: str) -> AppTest:
    return run_page(path, timeout=120, **params)


ids = st.lists(st.text("abcdefgh", min_size=1, max_size=4), unique=True, max_size=80)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(ids, st.data())
def test_offered_holds_few_in_name_order_and_every_kept_pilot(all_ids, data):
    # Labels in the options' order (by name), as pilot_options.sql gives them,
    # and some shared, as two pilots can share a name.
    options = {i: f"name {n // 2:03d}" for n, i in enumerate(sorted(all_ids))}
    known = st.sampled_from([*all_ids, "gone"])  # "gone": an id that is not an option
    found = data.draw(st.none() | st.lists(known, unique=True))
    keep = data.draw(st.lists(known, max_size=4))
    listed = pilot_finder.offered(options, found, keep)
    assert list(listed) == sorted(listed, key=lambda i: (options[i], i))  # by label
    assert all(listed[i] == options[i] for i in listed)
    assert {i for i in keep if i in options} <= set(listed)
    kept = {i for i in keep if i in options}
    assert len(set(listed) - kept) <= pilot_finder.LISTED
    expected = list(options)[: pilot_finder.LISTED] if found is None else [i for i in found if i in options]
    assert set(listed) - kept == set(expected[: pilot_finder.LISTED]) - kept
    # Choosing one of the listed pilots does not change the list.
    for chosen in list(listed)[:3]:
        assert pilot_finder.offered(options, found, [*keep, chosen]) == listed


def test_match_text_says_what_the_list_holds():
    assert pilot_finder.match_text(None, 0, 30, 30) == "The list holds all 30 pilots."
    assert pilot_finder.match_text(None, 0, 50, 3000) == (
        "The list holds the first 50 of 3,000 pilots by name; type to find the others."
    )
    assert pilot_finder.match_text("hub", 1, 2, 30) == "1 pilot matches “hub”; choose in the list below."
    assert (
        pilot_finder.match_text("hub", 502, 51, 3000) == "502 pilots match “hub”; the list holds the best 50."
    )
    assert pilot_finder.match_text("zz", 0, 1, 30).startswith("No pilot matches “zz”")


def test_curated_pilots_page_lists_every_pilot_and_finds_by_typing():
    at = _open("pages/pilots.py")
    everyone = at.selectbox(key="url_pilot").options
    assert len(everyone) > 20
    at.text_input(key="find_pilot").input("good help").run()
    listed = at.selectbox(key="url_pilot").options
    assert "Good Help Hub, Croxteth (Croxteth, PfPP)" in listed
    assert len(listed) < len(everyone)


@pytest.mark.slow
def test_many_pilots_page_sends_a_few_and_finds_any(many_pilots: Path, monkeypatch):
    monkeypatch.setenv(ENV_DB, str(many_pilots))
    at = _open("pages/pilots.py")
    assert len(at.selectbox(key="url_pilot").options) <= pilot_finder.LISTED + 1
    assert any("first 50 of 3,000 pilots" in c.value for c in at.caption)

    at.text_input(key="find_pilot").input("Woodworth family").run()
    listed = at.selectbox(key="url_pilot").options
    assert len(listed) <= pilot_finder.LISTED + 2
    assert any(label.startswith("Woodworth family hub (") for label in listed)
    at.selectbox(key="url_pilot").select("pilot-01552").run()
    assert not at.exception
    assert at.query_params["pilot"] == "pilot-01552"
    assert at.title[0].value == "Woodworth family hub"


def test_many_pilots_link_opens_a_pilot_beyond_the_first_page(many_pilots: Path, monkeypatch):
    monkeypatch.setenv(ENV_DB, str(many_pilots))
    at = _open("pages/pilots.py", pilot="pilot-00111")
    assert at.title[0].value == "Woodworth health prevention pilot"
    assert at.selectbox(key="url_pilot").value == "pilot-00111"
    assert len(at.selectbox(key="url_pilot").options) <= pilot_finder.LISTED + 2
    assert not at.warning or all("not in the data" not in w.value for w in at.warning)


def test_many_pilots_explorer_filter_sends_a_few_and_finds_any(many_pilots: Path, monkeypatch):
    monkeypatch.setenv(ENV_DB, str(many_pilots))
    at = _open("pages/explorer.py", pilot="pilot-00111")
    box = at.multiselect(key="facet_pilot")
    assert box.value == ["pilot-00111"]
    assert len(box.options) <= pilot_finder.LISTED + 1
    at.text_input(key="find_pilot").input("Woodworth family").run()
    at.multiselect(key="facet_pilot").select("pilot-01552").run()
    assert not at.exception
    assert at.query_params["pilot"] == "pilot-00111,pilot-01552"
