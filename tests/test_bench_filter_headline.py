"""The filter-change benchmark reads the server's timeline right: the run a
key press started, and the moment the headline the browser waits for left
the script (bench/timed_server.py), whatever other runs surround it."""

from __future__ import annotations

import json
from pathlib import Path

from bench import filter_headline, timed_server


def _timeline(tmp_path: Path, rows: list[dict]) -> str:
    path = tmp_path / "timeline.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return str(path)


def test_the_headline_is_found_in_the_run_the_key_started_not_an_earlier_one(tmp_path: Path):
    path = _timeline(
        tmp_path,
        [
            {"ms": 900.0, "run": "start"},  # the start view's run, before the key
            {"ms": 905.0, "text": "Ashford"},
            {"ms": 950.0, "text": "**Showing Dunford\\: 3 findings**"},  # an earlier view's line
            {"ms": 1040.0, "run": "start"},
            {"ms": 1045.0, "text": "Where the pilots ran"},
            {"ms": 1090.0, "text": "**Showing Dunford\\: 3 findings**"},
            {"ms": 1200.0, "text": "**Showing Dunford\\: 3 findings**"},
        ],
    )
    assert timed_server.left_server(path, 1000.0, "Showing Dunford: 3 findings") == {
        "run_started_ms": 1040.0,
        "headline_left_ms": 1090.0,
    }


def test_a_headline_the_run_never_wrote_is_not_found(tmp_path: Path):
    path = _timeline(tmp_path, [{"ms": 1040.0, "run": "start"}, {"ms": 1045.0, "text": "Brookford"}])
    assert timed_server.left_server(path, 1000.0, "Castleford") == {
        "run_started_ms": 1040.0,
        "headline_left_ms": None,
    }


def test_markdown_is_read_as_the_browser_shows_it():
    assert timed_server.plain("**Barrier 4\\: Data\\-sharing**") == "Barrier 4: Data-sharing"


def test_the_report_gives_each_page_beside_the_floor_and_says_what_was_not_timed():
    results = {
        "floor": {"headline_ms": 100.0, "drawn_ms": 100.0, "changes": []},
        "places": [
            {"headline": "Brookford", "headline_ms": 300.0, "drawn_ms": 900.0, "run_started_ms": 60.0,
             "headline_left_ms": 80.0},
            {"headline": "Castleford", "headline_ms": 340.0, "drawn_ms": 1000.0, "run_started_ms": 70.0,
             "headline_left_ms": None},
            {"headline": "Dunford", "error": "TimeoutError"},
        ],
        "explorer": [{"headline": None, "error": "no headline differs from the start view"}],
    }  # fmt: skip
    table = filter_headline.table_md(results)
    assert "| places | 320 ms | 3.2× | 950 ms | 65 ms | 80 ms | 2/3 | Brookford |" in table
    assert "| explorer | – | – | – | – | – | 0/1 | no headline differs from the start view |" in table
    assert "100 ms from Enter to its new title" in table
