"""A page opened for one thing names it before it reads the slower lists
(issue 28, item 2): Streamlit sends each element as the script writes it,
so a reader who chose another place sees its name and its counts while the
pilots' and results' tables are still being read. At 10M outputs the
Places page read six queries (about 150 ms) before writing the place's
name; bench/filter_headline.py measures the whole change in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from fivebarriers.config import ROOT

# page, its address, the name it leads with, the queries that must come after that name
CASES = [
    (
        "pages/places.py",
        {"place": "liverpool"},
        "Liverpool",
        {"place_pilots", "place_results", "explorer_count", "place_barriers", "place_departments"},
    ),
    (
        "pages/departments.py",
        {"department": "mhclg"},
        None,  # the department's current name, read from the page's first heading after the picker
        {"department_pilot_count", "department_pilots_page", "department_results", "scope_goal_counts"},
    ),
    (
        "pages/pilots.py",
        {"pilot": "good-help-hub"},
        "Good Help Hub",
        {"pilot_results", "pilot_result_count", "pilot_barriers_list", "pilot_departments_list"},
    ),
    (
        "pages/programmes.py",
        {"programme": "pfpp"},
        "Partnerships for People and Place",
        {"programme_pilots_list", "programme_results", "explorer_count", "department_history"},
    ),
]


@pytest.mark.parametrize(("path", "params", "name", "later"), CASES, ids=[c[0] for c in CASES])
def test_the_chosen_name_is_sent_before_the_slower_lists_are_read(
    fresh_db: Path, monkeypatch, path, params, name, later
):
    from streamlit.runtime.scriptrunner import script_runner

    from fivebarriers.views import ui

    events: list[tuple[str, str]] = []
    records, enqueue = ui.records, script_runner.ScriptRunner._enqueue_forward_msg

    def recorded_records(query, **kwargs):
        events.append(("query", query))
        return records(query, **kwargs)

    def recorded_enqueue(self, msg):
        delta = msg.delta if msg.HasField("delta") else None
        if delta is not None and delta.WhichOneof("type") == "new_element":
            if delta.new_element.WhichOneof("type") == "heading":
                events.append(("heading", delta.new_element.heading.body.replace("\\", "")))
        return enqueue(self, msg)

    monkeypatch.setattr(ui, "records", recorded_records)
    monkeypatch.setattr(script_runner.ScriptRunner, "_enqueue_forward_msg", recorded_enqueue)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(path)
    events.clear()
    at.run()
    assert not at.exception, [e.value for e in at.exception]

    headings = [i for i, (kind, text) in enumerate(events) if kind == "heading"]
    if name is None:  # the first heading after the page's title
        named = headings[1]
    else:
        named = next(i for i in headings if events[i][1].startswith(name))
    before = {text for kind, text in events[:named] if kind == "query"}
    after = {text for kind, text in events[named:] if kind == "query"}
    assert later <= after, f"read after the name: {sorted(after)}"
    assert not later & before, f"read before the name: {sorted(later & before)}"
