"""Progress bars (issue 28, item 5): rows done of a total and the time left
from the rate so far, shown only once a job has run for two seconds, on
stderr only when someone watches it (or FIVEBARRIERS_PROGRESS asks)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from fivebarriers import progress
from fivebarriers.cli.main import main
from fivebarriers.data import build, ingest, synth, upgrade
from fivebarriers.progress import Progress
from tests.test_ingest import outputs_csv
from tests.test_upgrade import make_outdated


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_drawn_in_the_first_two_seconds() -> None:
    clock, drawn = Clock(), []
    bar = Progress(1_000, ("writing",), drawn.append, clock=clock)
    clock.now += 1.9
    bar.update(900)
    assert drawn == []
    bar.close()
    assert drawn == [], "a job that ended within two seconds shows no bar"


def test_rows_done_and_time_left_from_the_rate_so_far() -> None:
    clock, drawn = Clock(), []
    bar = Progress(1_000_000, ("checking the file", "writing"), drawn.append, clock=clock)
    clock.now += 3.0
    bar.update(1_000_000)  # the first of two passes done in 3 s: 3 s left
    clock.now += 1.5
    bar.update(500_000, "writing")  # three quarters in 4.5 s: 1.5 s left
    assert len(drawn) == 2
    assert bar.text() == "writing: 500,000 of 1,000,000 rows (step 2 of 2), about 2 s left"
    assert bar.fraction == 0.75
    assert bar.seconds_left() == pytest.approx(1.5)
    bar.close()
    assert bar.text() == "writing: 500,000 of 1,000,000 rows (step 2 of 2)", "no estimate once ended"


def test_a_job_with_every_row_done_says_it_is_finishing_not_0_s_left() -> None:
    # A load's last step is done before its commit: the bar stays up until
    # the commit ends, and "about 0 s left" there read as a job that hung.
    clock, drawn = Clock(), []
    bar = Progress(1_000, ("writing", "checking the database"), drawn.append, clock=clock)
    clock.now += 3.0
    bar.update(1_000)
    bar.update(1_000, "checking the database")
    assert bar.text() == "checking the database: 1,000 of 1,000 rows (step 2 of 2), finishing"
    bar.update(999)  # 0.003 s left by the rate
    assert bar.text().endswith(", finishing")
    bar.update(600)  # 1.2 s left
    assert bar.text().endswith(", about 1 s left")
    bar.close()
    assert bar.text() == "checking the database: 600 of 1,000 rows (step 2 of 2)"


def test_terminal_draws_only_on_a_terminal_or_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(progress.ENV_PROGRESS, raising=False)
    assert progress.terminal(io.StringIO()) is None, "a pipe or a log file gets no bar"
    monkeypatch.setenv(progress.ENV_PROGRESS, "1")
    out = io.StringIO()
    draw = progress.terminal(out)
    assert draw is not None
    clock = Clock()
    bar = Progress(10, ("writing",), draw, clock=clock)
    clock.now += 2.5
    bar.update(4)
    bar.close()
    text = out.getvalue()
    assert text.startswith("\r[#########...............] writing: 4 of 10 rows, about 4 s left")
    assert text.endswith("writing: 4 of 10 rows\x1b[K\n")


def test_a_load_reports_every_step_with_its_rows(
    fresh_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    seen: list[tuple[str, int, int, bool]] = []
    report = ingest.ingest(
        outputs_csv(tmp_path / "w.csv"),
        db=fresh_db,
        loaded_by="t",
        progress=lambda p: seen.append((p.what, p.done, p.total, p.closed)),
    )
    assert report.loaded
    steps = [what for what, *_ in seen]
    assert {"checking the file", "writing", "checking the database"} <= set(steps)
    assert ("writing", 3, 3, False) in seen
    assert seen[-1] == ("checking the database", 3, 3, True)


def test_the_command_line_draws_on_stderr_only_when_asked(
    fresh_db: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    monkeypatch.delenv(progress.ENV_PROGRESS, raising=False)
    assert main(["ingest", str(outputs_csv(tmp_path / "a.csv")), "--db", str(fresh_db)]) == 0
    quiet = capsys.readouterr()
    assert "rows (step" not in quiet.err + quiet.out, "not a terminal: output a script reads is unchanged"
    monkeypatch.setenv(progress.ENV_PROGRESS, "1")
    path = outputs_csv(tmp_path / "b.csv", prefix="wave3")
    assert main(["ingest", str(path), "--db", str(fresh_db)]) == 0
    asked = capsys.readouterr()
    assert "writing: 3 of 3 rows (step 2 of 3)" in asked.err
    assert "rows (step" not in asked.out


def test_synth_reports_its_outputs_as_they_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    seen: list[tuple[str, int, int]] = []
    synth.synth(tmp_path / "s.duckdb", 2_000, seed=2, draw=lambda p: seen.append((p.what, p.done, p.total)))
    assert ("writing outputs", 2_000, 2_000) in seen
    assert seen[-1] == ("writing summaries and the search index", 2_000, 2_000)


def _steps_seen(monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[str, int, int, bool]], progress.Draw]:
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    seen: list[tuple[str, int, int, bool]] = []
    return seen, lambda p: seen.append((p.what, p.done, p.total, p.closed))


def test_a_build_counts_the_rows_it_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen, draw = _steps_seen(monkeypatch)
    counts = build.build(tmp_path / "b.duckdb", progress=draw)
    written = sum(counts.values())
    assert ("writing", written, written, False) in seen
    assert seen[-1] == ("checking", written, written, True)


def test_an_upgrade_counts_the_rows_it_copies(fresh_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_outdated(fresh_db)
    seen, draw = _steps_seen(monkeypatch)
    report = upgrade.upgrade(fresh_db, progress=draw)
    copied = sum(report.tables.values())
    assert ("copying", copied, copied, False) in seen
    assert seen[-1] == ("checking", copied, copied, True)
