"""When the curated data (data/*.csv) last changed, as a date the build
records in build_info (key `data_changed`), so every page can say
"Data last changed" without calling the build time a change.

Two builds of the same files must give identical tables, so the date comes
from the files, never from the clock: the date of the last commit that
touched them when they are committed and unmodified (a fresh clone sets
every file's mtime to the clone time, which is not when the data changed),
otherwise the newest file modification time."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

BUILD_INFO_KEY = "data_changed"


def _git(data_dir: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(  # fixed arguments, no shell
            [git, "-C", str(data_dir), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _committed_date(data_dir: Path) -> dt.date | None:
    """The last commit date of data_dir's CSVs, if they are all committed as they are."""
    changes = _git(data_dir, "status", "--porcelain", "--", "*.csv")
    if changes is None or changes:
        return None
    stamp = _git(data_dir, "log", "-1", "--format=%cs", "--", "*.csv")
    try:
        return dt.date.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None


def _newest_mtime(data_dir: Path) -> dt.date | None:
    times = [p.stat().st_mtime for p in data_dir.glob("*.csv")]
    return dt.datetime.fromtimestamp(max(times), dt.UTC).date() if times else None


def curated_changed(data_dir: Path) -> str:
    """ISO date (YYYY-MM-DD) the curated CSVs last changed, or '' when there are none."""
    date = _committed_date(data_dir) or _newest_mtime(data_dir)
    return date.isoformat() if date else ""
