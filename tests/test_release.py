"""The release number: pyproject.toml names it, and the footer of every page,
`fivebarriers --version` and `fivebarriers health` all say the same one."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import fivebarriers
from fivebarriers.cli.main import main
from fivebarriers.config import ROOT
from fivebarriers.store import version


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_package_says_the_release_pyproject_names():
    assert re.fullmatch(r"\d+\.\d+\.\d+", pyproject_version())
    assert fivebarriers.__version__ == pyproject_version()


def test_version_option_prints_the_release(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"fivebarriers {pyproject_version()}"


def test_health_prints_the_release_and_both_schema_versions(built_db: Path, capsys):
    assert main(["health", "--db", str(built_db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"fivebarriers {pyproject_version()}",
        f"schema version {version.SCHEMA_VERSION}",
        f"database {built_db.name}: schema version {version.SCHEMA_VERSION}",
    ]


def test_health_fails_in_one_line_without_a_database(tmp_path: Path, capsys):
    assert main(["health", "--db", str(tmp_path / "none.duckdb")]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == f"fivebarriers {pyproject_version()}"
    assert captured.err.count("\n") == 1 and "run `fivebarriers build` first" in captured.err


def test_health_fails_on_a_database_from_a_newer_release(built_db: Path, tmp_path: Path, capsys):
    newer = tmp_path / "newer.duckdb"
    shutil.copyfile(built_db, newer)
    with duckdb.connect(str(newer)) as con:
        con.execute(
            "update build_info set value = ? where key = 'schema_sha256'", ["made-by-a-newer-release"]
        )
        con.execute(
            "update build_info set value = ? where key = 'schema_version'", [str(version.SCHEMA_VERSION + 1)]
        )
    assert main(["health", "--db", str(newer)]) == 1
    captured = capsys.readouterr()
    assert f"database newer.duckdb: schema version {version.SCHEMA_VERSION + 1}" in captured.out
    assert "made by a newer version of Five Barriers" in captured.err


def test_footer_names_the_release_and_what_the_sources_are():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    captions = [str(c.value) for c in at.caption]
    (about,) = [c for c in captions if c.startswith("Five Barriers brings together")]
    assert about.endswith(f"Version {pyproject_version()}.")
    # The sources are guidance, a briefing and articles (data audit N5), not evaluations.
    assert "published guidance, briefings and articles" in about
    assert "evaluations" not in about


def test_the_changelog_starts_with_this_release():
    headings = [
        line
        for line in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    # What has landed since the release waits under "Unreleased", above it.
    if headings[0] == "## Unreleased":
        headings = headings[1:]
    assert headings[0].startswith(f"## {pyproject_version()} "), headings[0]
    # Newest first, each release once.
    numbers = [tuple(int(n) for n in h.split()[1].split(".")) for h in headings]
    assert numbers == sorted(set(numbers), reverse=True), numbers
