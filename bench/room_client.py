"""A phone of the room without a browser: one Streamlit session on the
phone page (/vote?c=CODE&p=TOKEN), speaking the websocket protocol as
bench/ws_load.py does, that presses an answer's button.

Used by bench/votes.py (votes per second) and by the end-to-end workshop
test (tests/test_browser_room.py), where most of the 30 participants are
these clients and a few are real browsers. It does not poll as a phone's
page does (that timer runs in the browser), so it measures answering only."""

from __future__ import annotations

import contextlib
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from bench.ws_load import run_finished

TIMEOUT_S = 60


class Phone:
    def __init__(self, url: str, code: str, token: str, page: str = "vote", timeout: float = TIMEOUT_S):
        self.url, self.code, self.token, self.page, self.timeout = url, code, token, page, timeout
        self.query = f"c={code}&p={token}"
        self.buttons: dict[str, str] = {}  # label -> widget id
        self.texts: list[str] = []  # the last run's text (alerts, headings)
        # websockets 16 warns when connect() is not entered as a context manager;
        # a phone keeps its socket across calls, so the stack holds it until close().
        self._stack = contextlib.ExitStack()
        self.ws = self._stack.enter_context(
            connect(
                url.replace("http://", "ws://") + "/_stcore/stream",
                subprotocols=["streamlit"],
                origin=url,
                open_timeout=timeout,
                ping_interval=None,  # a busy server answers pings late; the reruns' own timeout is the check
            )
        )

    def close(self) -> None:
        self._stack.close()

    def _run(self, msg: BackMsg) -> float:
        """Send one rerun; seconds to Streamlit's "script finished"."""
        started = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        deadline = started + self.timeout
        buttons: dict[str, str] = {}
        texts: list[str] = []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=max(0.1, deadline - time.perf_counter())))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "button":
                    buttons[element.button.label] = element.button.id
                elif which == "alert":
                    texts.append(element.alert.body)
                elif which in ("markdown", "heading"):
                    texts.append(getattr(element, which).body)
            elif run_finished(forward):
                self.buttons, self.texts = buttons, texts
                return time.perf_counter() - started
            elif kind == "script_finished":  # a run cut short: the page's buttons come in the next
                buttons, texts = {}, []

    def open(self) -> float:
        msg = BackMsg()
        msg.rerun_script.page_name = self.page
        msg.rerun_script.query_string = self.query
        return self._run(msg)

    def answer(self, option: str) -> float:
        """Press the button of `option`; seconds until the page has run again
        (the answer is written before the page runs)."""
        msg = BackMsg()
        msg.rerun_script.page_name = self.page
        msg.rerun_script.query_string = self.query
        widget = msg.rerun_script.widget_states.widgets.add()
        widget.id = self.buttons[option]
        widget.trigger_value = True
        return self._run(msg)
