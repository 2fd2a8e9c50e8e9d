"""A character no spreadsheet can hold, loaded under an older release,
does not survive `upgrade` (issue 30, item 6; review of 2026-12-06, row 44,
earlier finding 11): the upgrade replaces it with U+FFFD and says where, so
the Excel download works again for everyone."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fivebarriers.cli.main import main
from fivebarriers.views import export
from tests.test_ingest import open_ro
from tests.test_upgrade import OLD_RELEASES, unpack
from tests.test_write_safety import assert_checks_pass

ODD = "Jobs\ufffe created\x85 in \U0001fffe year 1"


@pytest.mark.slow
def test_upgrade_cleans_text_an_older_release_let_in(tmp_path: Path, capsys):
    db = unpack(OLD_RELEASES[0], tmp_path)
    con = duckdb.connect(str(db))
    try:
        con.execute(
            "update outputs set measure = $m where output_id = (select min(output_id) from outputs)",
            {"m": ODD},
        )
        changed = con.execute("select output_id from outputs where measure = $m", {"m": ODD}).fetchone()[0]
    finally:
        con.close()
    assert main(["upgrade", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "cleaned 1 cell(s)" in out and "outputs.measure" in out
    con = open_ro(db)
    try:
        measure = con.execute("select measure from outputs where output_id = $o", {"o": changed}).fetchone()[
            0
        ]
        frame = con.execute("select * from outputs").df()
    finally:
        con.close()
    assert measure == "Jobs\ufffd created\ufffd in \ufffd year 1"
    assert export.xlsx_bytes(frame)  # raised "All strings must be XML compatible" before
    assert_checks_pass(db)
