"""A crash shows the visitor a generic line, not the exception, the server's
paths or its source lines; the traceback still reaches the server's log
(security review 2026-12-06, Notes: client.showErrorDetails)."""

from __future__ import annotations

import logging
import tomllib

from streamlit import config
from streamlit.testing.v1 import AppTest

from fivebarriers.config import ROOT

SECRET = "/srv/fivebarriers/secret_path.py"


def test_the_setting_is_one_streamlit_accepts() -> None:
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    value = settings["client"]["showErrorDetails"]
    assert value == config.ShowErrorDetailsConfigOptions.NONE


def test_a_crash_shows_no_detail_and_is_logged(caplog) -> None:
    # AppTest reads .streamlit/config.toml from the folder it runs in, as the server does.
    at = AppTest.from_string(f"raise ValueError({SECRET!r})")
    with caplog.at_level(logging.ERROR):
        at.run()
    shown = at.exception[0]
    assert SECRET not in shown.message and "ValueError" not in shown.message
    assert not shown.stack_trace
    assert SECRET in caplog.text
