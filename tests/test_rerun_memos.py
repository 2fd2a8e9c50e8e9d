"""What a page draws again on every rerun with nothing changed is made once
per data version and shared (issue 28): the Places map's figure and the
explorer's page of outputs are the same objects on every rerun, not rebuilt
or unpickled each time."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from fivebarriers.config import ROOT


def _open(path: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_places_map_is_made_once_and_shared_by_reruns(fresh_db: Path, monkeypatch):
    from fivebarriers.views import ui

    drawn: list[object] = []
    real = ui.chart_block

    def recording(chart, key, *args, **kwargs):
        if key == "uk_map":
            drawn.append(chart.figure)
        return real(chart, key, *args, **kwargs)

    monkeypatch.setattr(ui, "chart_block", recording)
    at = _open("pages/places.py")
    at.run()
    at.run()
    assert len(drawn) >= 3
    assert all(figure is drawn[0] for figure in drawn)


def test_explorer_page_of_outputs_is_made_once_and_shared_by_reruns(fresh_db: Path, monkeypatch):
    from fivebarriers.views import links

    drawn: list[object] = []
    real = links.table

    def recording(frame, *args, **kwargs):
        if "Result against goal" in frame.columns:
            drawn.append(frame)
        return real(frame, *args, **kwargs)

    monkeypatch.setattr(links, "table", recording)
    at = _open("pages/explorer.py")
    at.run()
    at.run()
    assert len(drawn) >= 3
    assert all(frame is drawn[0] for frame in drawn)
