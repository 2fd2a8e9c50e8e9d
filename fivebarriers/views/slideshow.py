"""The slideshow component: the Present page's 16:9 frame, its keys and full
screen, and the presenter view, as one Streamlit custom component (v2: it
renders in the page itself, not an iframe, so its key listener sees every key
on the page whatever has focus).

It draws only HTML that fivebarriers.workshop.slide_html built with every data
string escaped, and reports one event: the slide to go to ("nav") or a timer
restart ("timer"). The CSS and JavaScript are files beside this module."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

ASSETS = Path(__file__).parent / "assets"
# Height kept free under the frame in the normal (not full-screen) page: the
# app header above it and the control row below it.
RESERVE_PX = 160

_component = st.components.v2.component(
    "fivebarriers_slideshow",
    css=(ASSETS / "slideshow.css").read_text(encoding="utf-8"),
    js=(ASSETS / "slideshow.js").read_text(encoding="utf-8"),
)


def nav_target(key: str) -> int | None:
    """In a callback: the slide the viewer asked for, or None."""
    event = st.session_state[key].get("nav") if key in st.session_state else None
    if isinstance(event, dict) and isinstance(event.get("to"), int):
        return event["to"]
    return None


def show(
    *,
    key: str,
    mode: str,
    slides: list[str],
    number: int,
    total: int,
    on_nav: Callable[[], None],
    notes: str = "",
    code: str | None = None,
    elapsed: float | None = None,
    on_timer: Callable[[], None] | None = None,
    neighbours: tuple[str, str] = ("", ""),
    focus: str = "",
    presenter_near: tuple[dict | None, dict | None] = (None, None),
) -> Any:
    """Mount the slideshow. `slides` is [current] for the room, [current, next]
    (next may be "") for the presenter view. `neighbours`: the slides before
    and after the current one (or ""), which the room's view draws the moment
    an arrow key is pressed, before the server's answer arrives. `focus` names
    the session's focus: when it changes, the frame takes the keys back from
    the select box that changed it. `presenter_near`: for the presenter view,
    what it shows one slide back and one on ({"now", "next", "notes"} or None),
    so its own slide moves the moment a key is pressed, as the room's does."""
    data = {
        "mode": mode,
        "slides": slides,
        "neighbours": list(neighbours),
        "number": number,
        "total": total,
        "notes": notes,
        "code": code,
        "elapsed": elapsed,
        "reserve": RESERVE_PX,
        "focus": focus,
        "presenter_near": list(presenter_near),
    }
    callbacks: dict[str, Callable[[], None]] = {"on_nav_change": on_nav}
    if on_timer is not None:
        callbacks["on_timer_change"] = on_timer
    return _component(key=key, data=data, **callbacks)
