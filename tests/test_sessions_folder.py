"""The presenter-session folder is the app's own (issue 30, item 4; review
of 2026-12-06, finding 7 and rows 20, 22, 24, 25): it defaults beside the
database, is made 0700 or refused unless it is a real directory of this user
that no one else may use; damaged session files are "No presentation is
open"; the number of files is capped; a full disk leaves nothing behind."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from fivebarriers.workshop import sessions
from fivebarriers.workshop.model import Filters


def test_the_default_folder_is_beside_the_database_and_private(fresh_db: Path, monkeypatch):
    monkeypatch.delenv(sessions.ENV_DIR, raising=False)
    store = sessions.Store()
    position = store.open(Filters(), total=5)
    folder = fresh_db.with_name(fresh_db.name + ".present")
    assert (folder / f"{position.code}.json").is_file()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_symlinked_folder_is_refused_and_nothing_is_deleted_where_it_points(tmp_path: Path):
    """Review finding 7: the app followed a planted link and deleted old *.json files there."""
    target = tmp_path / "someone-elses"
    target.mkdir()
    victims = [target / name for name in ("config.json", "settings.json", "package.json")]
    for victim in victims:
        victim.write_text("{}")
        three_days_ago = victim.stat().st_mtime - 3 * 24 * 3600
        os.utime(victim, (three_days_ago, three_days_ago))
    planted = tmp_path / "sessions"
    planted.symlink_to(target)
    store = sessions.Store(planted)
    with pytest.raises(sessions.FolderRefused, match="symbolic link"):
        store.open(Filters(), total=5)
    assert all(v.exists() for v in victims) and sorted(p.name for p in target.iterdir()) == sorted(
        v.name for v in victims
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder owned by another user needs root")
def test_a_folder_another_user_made_is_refused(tmp_path: Path):
    """Review finding 7: `nobody` pre-made the folder (0777), then read and moved the rooms' slides."""
    planted = tmp_path / "sessions"
    planted.mkdir()
    os.chmod(planted, 0o777)
    os.chown(planted, 65534, 65534)
    with pytest.raises(sessions.FolderRefused, match="another user"):
        sessions.Store(planted).open(Filters(), total=5)
    assert list(planted.iterdir()) == []


def test_a_folder_others_may_use_is_refused(tmp_path: Path):
    shared = tmp_path / "sessions"
    shared.mkdir()
    os.chmod(shared, 0o755)
    with pytest.raises(sessions.FolderRefused, match="mode 0755"):
        sessions.Store(shared).open(Filters(), total=5)


DAMAGED = [
    "{",
    "",
    "[]",
    "null",
    '"text"',
    '{"code": "CODE", "slide": "x", "total": 5, "filters": {}}',
    '{"code": "CODE", "slide": null, "total": 5, "filters": {}}',
    '{"code": "CODE", "slide": 1, "total": 5, "filters": null}',
    '{"code": "CODE", "slide": 1, "total": 0, "filters": {}}',
    '{"code": "CODE", "slide": 1}',
    '{"code": "CODE", "slide": 1, "total": 5, "filters": {}, "extra": 1}',
    '{"code": "CODE", "slide": 1, "total": 5, "filters": {"place": 3}}',
    '{"code": "CODE", "slide": 1, "total": 5, "filters": {}, "started": "soon"}',
    '{"code": "CODE", "slide": 1, "total": 5, "filters": {}, "started": NaN}',
    '{"code": "OTHER2", "slide": 1, "total": 5, "filters": {}}',
    "\udcff",
]


@pytest.mark.parametrize("content", DAMAGED)
def test_a_damaged_session_file_is_no_presentation(content: str, tmp_path: Path):
    """Review row 22: JSONDecodeError, TypeError, ValueError, AttributeError tracebacks on Present."""
    store = sessions.Store(tmp_path / "sessions")
    code = store.open(Filters(), total=5).code
    path = tmp_path / "sessions" / f"{code}.json"
    path.write_bytes(content.replace("CODE", code).encode("utf-8", "surrogateescape"))
    if '"extra"' in content:
        assert store.get(code).slide == 1  # an extra field from a newer release is ignored
        return
    with pytest.raises(sessions.UnknownSession, match="No presentation is open"):
        store.get(code)


@pytest.mark.parametrize("kind", ["symlink", "folder", "fifo"])
def test_a_session_file_that_is_not_a_file_is_no_presentation(kind: str, tmp_path: Path):
    store = sessions.Store(tmp_path / "sessions")
    code = store.open(Filters(), total=5).code
    path = tmp_path / "sessions" / f"{code}.json"
    path.unlink()
    if kind == "symlink":
        path.symlink_to("/etc/passwd")
    elif kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    with pytest.raises(sessions.UnknownSession, match="No presentation is open"):
        store.get(code)


def test_the_number_of_session_files_is_capped(tmp_path: Path, monkeypatch):
    """Review row 20: a script made 155 files in 20 s, with no cap."""
    monkeypatch.setattr(sessions, "MAX_SESSIONS", 5)
    store = sessions.Store(tmp_path / "sessions")
    codes = [store.open(Filters(), total=5).code for _ in range(12)]
    left = sorted(p.stem for p in (tmp_path / "sessions").glob("*.json"))
    assert len(left) == 5
    assert codes[-1] in left  # the newest stays
    assert store.get(codes[-1]).total == 5


def test_a_full_disk_is_one_message_and_leaves_no_temp_file(tmp_path: Path, monkeypatch):
    """Review row 25: OSError traceback, and a hidden .tmp the expiry never removed."""
    store = sessions.Store(tmp_path / "sessions")

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(json, "dump", full)
    with pytest.raises(sessions.FolderRefused, match="could not be saved"):
        store.open(Filters(), total=5)
    assert list((tmp_path / "sessions").iterdir()) == []


@pytest.mark.parametrize("view", ["presenter", "audience"])
def test_the_present_page_says_so_when_the_folder_is_refused(view: str, tmp_path: Path, monkeypatch):
    """Review rows 22, 24, 25 on the page: a refused folder is a message, not a traceback."""
    from streamlit.testing.v1 import AppTest

    from fivebarriers.config import ROOT

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "sessions").symlink_to(elsewhere)
    monkeypatch.setenv(sessions.ENV_DIR, str(tmp_path / "sessions"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/present.py")
    if view == "presenter":
        at.query_params["view"] = "presenter"
    else:
        at.query_params["session"] = "K7QX2M"
    at.run()
    assert not at.exception, at.exception
    said = " ".join(w.value for w in at.warning)
    assert "not safe to use" in said and "symbolic link" in said
    assert list(elsewhere.iterdir()) == []
