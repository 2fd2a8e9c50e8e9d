"""A large load's memory (issue 28, item 5): one copy of the file's text (a
column with nothing to trim is checked and stored from the very buffers the
reader filled; only a column with white space to trim is copied), and
DuckDB capped in the write of a large batch, spilling beside the copy."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from fivebarriers.data import ingest, load_access
from fivebarriers.data.arrow_text import arrow_text
from fivebarriers.store import filewrite
from tests.test_ingest import outputs_csv


def _data_address(arr: pa.Array | pa.ChunkedArray) -> int:
    chunk = arr.chunks[0] if isinstance(arr, pa.ChunkedArray) else arr
    return chunk.buffers()[2].address


def test_a_column_with_nothing_to_trim_is_not_copied() -> None:
    column = pd.Series(["Tenancies sustained", "", "Jobs\u00a0found"], dtype="str")
    source = pa.array(column, from_pandas=True)
    text, broken = arrow_text(column)
    assert text.to_pylist() == ["Tenancies sustained", None, "Jobs\u00a0found"]
    assert not broken.any()
    assert _data_address(text) == _data_address(source)


def test_white_space_around_a_cell_is_still_trimmed() -> None:
    for padded in (" a", "a\t", "\u00a0a", "a\u2003"):  # Unicode spaces too, as before
        column = pd.Series(["b", padded, "  "], dtype="str")
        text, _ = arrow_text(column)
        assert text.to_pylist() == ["b", "a", None], padded


def test_a_large_batch_writes_with_duckdb_capped_and_spilling_beside_the_copy(
    fresh_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_access, "SMALL_BATCH_ROWS", 1)  # these 3 rows count as large
    seen: dict[str, str] = {}
    refresh = load_access.refresh_derived

    def spy(con, names, pilots):
        for name in ("memory_limit", "temp_directory"):
            seen[name] = con.execute("select current_setting($n)", {"n": name}).fetchone()[0]
        refresh(con, names, pilots)

    monkeypatch.setattr(load_access, "refresh_derived", spy)
    assert ingest.ingest(outputs_csv(tmp_path / "w.csv"), db=fresh_db, loaded_by="t").loaded
    assert seen["memory_limit"].startswith(("476", "500")), seen  # 500 MB, shown in MiB
    spill = Path(seen["temp_directory"])
    assert spill.parent == fresh_db.parent and spill.name.startswith(fresh_db.name + filewrite.COPY_SUFFIX)
    assert not spill.exists(), "the spill folder goes with the copy"


def test_a_spill_folder_left_by_a_crash_is_cleared(fresh_db: Path) -> None:
    left = fresh_db.parent / f"{fresh_db.name}{filewrite.COPY_SUFFIX}999-1.spill"
    left.mkdir()
    (left / "duckdb_temp_storage-0.tmp").write_bytes(b"x")
    filewrite.recover(fresh_db)
    assert not left.exists()
