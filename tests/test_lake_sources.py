"""A new report and the results that cite it, loaded as one batch into a
DuckLake and undone: one snapshot each way (a lake enforces no foreign keys,
so the undo needs no second transaction, unlike a file: undo.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fivebarriers.data import build, ingest
from fivebarriers.store import backend
from tests.test_ingest_sources import REPORT, report_sheets, workbook
from tests.test_lake_ingest import scalar


@pytest.fixture(scope="module")
def lake(pg_cluster) -> backend.Target:
    target = pg_cluster.lake("sources")
    build.build(target)
    return target


def test_a_new_report_and_its_results_load_and_undo_on_the_lake(lake: backend.Target, tmp_path: Path):
    snapshots = len(ingest.history(lake, limit=1000))
    report = ingest.ingest(workbook(tmp_path / "wave2.xlsx", report_sheets()), db=lake)
    assert report.loaded, report.lines()
    cites = "select count(*) from outputs where source_id = $s"
    assert scalar(lake, cites, {"s": REPORT}) == 2
    assert scalar(lake, "select count(*) from search.documents where entity_id = $s", {"s": REPORT}) == 1
    ingest.undo(report.batch_id, db=lake)
    assert scalar(lake, cites, {"s": REPORT}) == 0
    assert scalar(lake, "select count(*) from sources where source_id = $s", {"s": REPORT}) == 0
    assert len(ingest.history(lake, limit=1000)) == snapshots + 2  # one load, one undo
