"""What pages remember between reruns (views/memo.py, links.by_content):
made once per key, never shared between different contents, let go when
the data changes."""

from __future__ import annotations

import shutil

import pandas as pd

from fivebarriers.views import links
from fivebarriers.views.memo import Memo


def counting():
    made = []

    def make(value):
        def inner():
            made.append(value)
            return value

        return inner

    return made, make


def test_a_value_is_made_once_and_the_oldest_goes_past_the_limit():
    made, make = counting()
    memo = Memo(limit=2)
    assert memo.get("a", make(1)) == 1
    assert memo.get("a", make(99)) == 1  # remembered: not made again
    memo.get("b", make(2))
    memo.get("a", make(99))  # "a" used last, so "b" is the oldest
    memo.get("c", make(3))
    assert made == [1, 2, 3] and len(memo) == 2
    assert memo.get("b", make(4)) == 4  # "b" was let go


def test_a_new_generation_lets_every_older_value_go():
    made, make = counting()
    memo = Memo(limit=10)
    memo.get(("rows", "v1"), make("old"), generation="v1")
    memo.get(("other", "v1"), make("old too"), generation="v1")
    memo.get(("rows", "v2"), make("new"), generation="v2")
    assert len(memo) == 1
    assert memo.get(("rows", "v1"), make("old, again"), generation="v1") == "old, again"
    assert made == ["old", "old too", "new", "old, again"]


def test_tables_are_remembered_by_content_never_by_chance():
    made, make = counting()
    one = pd.DataFrame({"Name": ["Liverpool", "Hastings"], "Pilots": [2, 1]})
    same = pd.DataFrame({"Name": ["Liverpool", "Hastings"], "Pilots": [2, 1]})
    other = pd.DataFrame({"Name": ["Liverpool", "Hastings"], "Pilots": [2, 3]})
    assert links.by_content(("t",), one, make("first")) == "first"
    assert links.by_content(("t",), same, make("again")) == "first"  # same content: remembered
    assert links.by_content(("t",), other, make("other")) == "other"  # one cell differs
    assert links.by_content(("u",), one, make("kind")) == "kind"  # another use of the same table
    assert made == ["first", "other", "kind"]


def test_a_table_that_cannot_be_a_key_is_made_every_time():
    made, make = counting()
    lists = pd.DataFrame({"Ids": [["a", "b"]]})
    twice = pd.DataFrame([[1, 2]], columns=["x", "x"])
    for frame in (lists, lists, twice, twice):
        links.by_content(("t",), frame, make(len(made)))
    assert made == [0, 1, 2, 3]


def _page_that_reads_twice():
    """Reads the sources, lets the file be replaced, then reads them again (as a
    load that lands half-way through a page's run)."""
    import os
    import shutil

    import streamlit as st

    from fivebarriers.views import page_run, ui

    page_run.start("test")
    before = [s["title"] for s in ui.records("sources_list")]
    replacement = os.environ["REPLACEMENT_DB"]
    if os.path.exists(replacement):
        shutil.move(replacement, os.environ["FIVEBARRIERS_DB"])
    after = [s["title"] for s in ui.records("sources_list")]
    st.text("same" if before == after else "mixed")
    st.text(" | ".join(after))


def test_a_run_reads_one_version_of_the_data_and_the_next_run_the_new_one(built_db, tmp_path, monkeypatch):
    import duckdb
    from streamlit.testing.v1 import AppTest

    db, replacement = tmp_path / "fivebarriers.duckdb", tmp_path / "replacement.duckdb"
    shutil.copyfile(built_db, db)
    shutil.copyfile(built_db, replacement)
    con = duckdb.connect(str(replacement))
    con.execute("update sources set title = 'A title changed by a load'")
    con.close()
    monkeypatch.setenv("FIVEBARRIERS_DB", str(db))
    monkeypatch.setenv("REPLACEMENT_DB", str(replacement))
    at = AppTest.from_function(_page_that_reads_twice, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.text[0].value == "same"  # the load landed mid-run: this run kept its version
    assert "A title changed by a load" not in at.text[1].value
    at.run()
    assert "A title changed by a load" in at.text[1].value  # the next run sees the load
