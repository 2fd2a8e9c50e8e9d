"""The guides stay true: every `bash` block in README.md and docs/*.md runs, and
the README stays short enough to read in five minutes.

Each guide's blocks run in order, in one scratch folder, against a copy of the
built database (`FIVEBARRIERS_DB`), so a later block sees what an earlier one
loaded. In that folder `./dev cli …`, `fivebarriers …` and `python` are the
command line and the interpreter of this checkout (the real `./dev` would
install a venv of its own). Two things a reader brings are set up for them:
`wave2.csv`, a filled-in outputs template, and a password on standard input for
`hash-password`; `BATCH_ID` stands for the newest load.

A block that cannot run in a test (it serves until stopped, installs system
packages, needs a Postgres server) has the line
`<!-- guide-test: skip (why) -->` just above it. The list is kept short."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from fivebarriers.config import ENV_DB, ROOT
from fivebarriers.data import templates

README = ROOT / "README.md"
README_LIMIT = 12 * 1024  # bytes: about five minutes' reading
GUIDES = (README, *sorted((ROOT / "docs").glob("*.md")))
SKIP_MARKER = re.compile(r"^\s*<!-- guide-test: skip \((?P<why>[^)]+)\) -->\s*$")
MAX_SKIPPED = 6  # blocks no test can run; a new one needs a good reason
FENCE_OPEN = re.compile(r"^(?P<indent>\s*)```bash\s*$")
FENCE_CLOSE = re.compile(r"^\s*```\s*$")
PASSWORD = "a practice password for the guides\n"
BLOCK_TIMEOUT = 300  # seconds; a deck or a synthetic database takes a few on a busy machine


@dataclass(frozen=True)
class Block:
    guide: Path
    line: int  # where the fence opens, counted from 1
    text: str
    skip: str | None  # why no test runs it, or None

    def where(self) -> str:
        name = self.guide.relative_to(ROOT) if self.guide.is_relative_to(ROOT) else self.guide.name
        return f"{name}:{self.line}"


def bash_blocks(guide: Path) -> list[Block]:
    """Every ```bash block of a Markdown file, indented ones (in lists) included."""
    lines = guide.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        opened = FENCE_OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        indent = len(opened.group("indent"))
        start, body = i, []
        i += 1
        while i < len(lines) and not FENCE_CLOSE.match(lines[i]):
            body.append(lines[i][indent:])
            i += 1
        if i == len(lines):
            raise AssertionError(f"{guide}:{start + 1}: a bash block is never closed")
        above = next((line for line in reversed(lines[:start]) if line.strip()), "")
        marker = SKIP_MARKER.match(above)
        found.append(Block(guide, start + 1, "\n".join(body), marker.group("why") if marker else None))
        i += 1
    return found


def _shim(path: Path, body: str) -> None:
    path.write_text("#!/usr/bin/env bash\nset -euo pipefail\n" + body)
    path.chmod(0o755)


def scratch_folder(folder: Path, built_db: Path) -> dict[str, str]:
    """A folder to run a guide in, and the environment to run it with."""
    bin_dir = folder / ".bin"
    bin_dir.mkdir(parents=True)
    python = sys.executable
    _shim(
        folder / "dev",
        "# Stands in for ./dev: `./dev cli …` is this checkout's command line.\n"
        'if [ "${1:-}" != cli ]; then\n'
        '  echo "the guides\' test runs only ./dev cli, not ./dev ${1:-}" >&2; exit 2\n'
        "fi\n"
        f'shift\nexec "{python}" -m fivebarriers "$@"\n',
    )
    _shim(bin_dir / "fivebarriers", f'exec "{python}" -m fivebarriers "$@"\n')
    _shim(bin_dir / "python", f'exec "{python}" "$@"\n')
    db = folder / "fivebarriers.duckdb"
    shutil.copyfile(built_db, db)
    # What an analyst brings: the outputs template, filled in (its example row's
    # ids are the ones the loader refuses, so they are given real ones).
    filled = templates.template("outputs").replace("example-", "wave2-")
    (folder / "wave2.csv").write_text(filled, encoding="utf-8")
    return {
        **os.environ,
        ENV_DB: str(db),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
        "USER": os.environ.get("USER", "guide-test"),
    }


def newest_batch(folder: Path, env: dict[str, str]) -> str | None:
    listing = subprocess.run(
        ["./dev", "cli", "batches"], cwd=folder, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    if len(listing) < 2 or listing[0].startswith("no loads"):
        return None
    return listing[1].split()[0]


def run_blocks(blocks: list[Block], folder: Path, env: dict[str, str]) -> list[str]:
    """Runs each block in order, as a reader would, and stops at the first
    that fails (later blocks build on it); returns what went wrong, if anything."""
    for block in blocks:
        if block.skip:
            continue
        script = block.text
        if "BATCH_ID" in script:
            batch = newest_batch(folder, env)
            if batch is None:
                return [f"{block.where()} names BATCH_ID, but no block before it loaded anything"]
            script = script.replace("BATCH_ID", batch)
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=folder,
            env=env,
            input=PASSWORD,
            capture_output=True,
            text=True,
            timeout=BLOCK_TIMEOUT,
        )
        if done.returncode != 0:
            return [
                f"{block.where()} exited {done.returncode}\n--- block\n{block.text}\n"
                f"--- stdout\n{done.stdout[-2000:]}\n--- stderr\n{done.stderr[-2000:]}"
            ]
    return []


def test_the_readme_is_at_most_12_kb():
    size = len(README.read_bytes())
    assert size <= README_LIMIT, (
        f"README.md is {size:,} bytes, over {README_LIMIT:,}: "
        "move the detail into the reader's guide in docs/"
    )


def test_every_guide_has_commands_and_few_are_skipped():
    blocks = [b for guide in GUIDES for b in bash_blocks(guide)]
    assert {b.guide.name for b in blocks} >= {
        "README.md",
        "analysts.md",
        "facilitators.md",
        "operators.md",
        "benchmarks.md",
    }
    skipped = [f"{b.where()} ({b.skip})" for b in blocks if b.skip]
    assert len(skipped) <= MAX_SKIPPED, "too many guide blocks no test runs:\n" + "\n".join(skipped)


def test_a_skip_marker_stands_right_above_a_bash_block():
    # A marker whose block was moved or deleted would quietly skip the next one.
    for guide in GUIDES:
        lines = guide.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if SKIP_MARKER.match(line):
                following = next((x for x in lines[number + 1 :] if x.strip()), "")
                assert FENCE_OPEN.match(following), f"{guide.name}:{number + 1}: marker without a bash block"


# Slow: each command is a process of its own (about 1 s to start), so the
# whole suite runs it and `./dev test --quick` leaves it out.
@pytest.mark.slow
@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_every_command_in_the_guide_runs(guide: Path, built_db: Path, tmp_path: Path):
    blocks = bash_blocks(guide)
    env = scratch_folder(tmp_path, built_db)
    failures = run_blocks(blocks, tmp_path, env)
    assert not failures, "\n\n".join(failures)


@pytest.mark.slow  # each block a process of its own
def test_a_broken_command_fails_the_guide_test(built_db: Path, tmp_path: Path):
    guide = tmp_path / "guide.md"
    guide.write_text(
        "Works:\n\n```bash\n./dev cli check\n```\n\n"
        "Broken:\n\n   ```bash\n   ./dev cli ingest wave2.csv --no-such-option\n   ```\n\n"
        "Never reached:\n\n```bash\n./dev cli undo BATCH_ID\n```\n\n"
        "<!-- guide-test: skip (serves forever) -->\n```bash\n./dev app\n```\n"
    )
    blocks = bash_blocks(guide)
    assert [(b.line, b.skip) for b in blocks] == [(3, None), (9, None), (15, None), (20, "serves forever")]
    failures = run_blocks(blocks, tmp_path / "run", scratch_folder(tmp_path / "run", built_db))
    assert len(failures) == 1 and "--no-such-option" in failures[0]


LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {github_anchor(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}


def test_every_link_between_the_guides_leads_somewhere():
    broken = []
    for guide in (*GUIDES, ROOT / "CHANGELOG.md"):
        for match in LINK.finditer(guide.read_text(encoding="utf-8")):
            target = match.group("target")
            if re.match(r"^[a-z]+:", target):  # https:, mailto:
                continue
            file_part, _, anchor = target.partition("#")
            path = (guide.parent / file_part).resolve() if file_part else guide
            if not path.exists():
                broken.append(f"{guide.name}: {target} (no such file)")
            elif anchor and path.suffix == ".md" and anchor not in anchors(path):
                broken.append(f"{guide.name}: {target} (no such heading)")
    assert not broken, broken
