"""The Present page: the workshop storyboard as a slideshow for a projector,
and the presenter view that drives it from a second window.

    /present?slide=5&barrier=…&place=…&programme=…   the room's view, standalone
    /present?view=presenter                          opens a session: now, next, notes, timer
    /present?session=K7QX2M                          the room's view, following that session

Standalone, the slide number lives in the URL (a bookmark). In a session the
position lives server-side (workshop.sessions) and both windows poll it twice
a second, so either window moves both. Speaker notes never sit in the frame:
they are in the presenter view, or below the frame on request."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

from fivebarriers.reflected import shorten
from fivebarriers.views import recover, room, slideshow, ui
from fivebarriers.workshop import deck, handout, present, sessions, slide_html, storyboard

POLL_SECONDS = 0.5
SLIDESHOW_KEY = "slideshow"

# Constant page CSS (no data in it): the frame starts just under the app header,
# and the page leaves the room to the frame.
STYLE = """<style>
[data-testid="stMainBlockContainer"]:has(.st-key-present_page) { padding-top: 3.6rem; padding-bottom: 2rem; }
</style>"""


def _filters_from_url(messages, options: storyboard.FilterOptions) -> storyboard.Filters:
    values: dict[str, str | None] = {}
    for name, allowed in (
        ("barrier", options.barriers),
        ("place", options.places),
        ("programme", options.programmes),
    ):
        raw = st.query_params.get(name)
        if raw is not None and raw not in allowed:
            known = {r["place_id"]: r["name"] for r in ui.records("place_options")} if name == "place" else {}
            # URL and database text is shown as text, never as Markdown.
            messages.warning(ui.escape_md(present.bad_filter_message(name, raw, known.get(raw))))
            del st.query_params[name]
            raw = None
        values[name] = raw
    return storyboard.Filters(**values)


def _story(filters: storyboard.Filters) -> storyboard.Storyboard:
    """The storyboard, built once per focus and data version for the whole server:
    a session's windows poll twice a second, so a poll must not rebuild it."""
    handle = ui.database()
    return _story_for(filters, (handle.version, handle.data_version()))


@functools.lru_cache(maxsize=32)
def _story_for(filters: storyboard.Filters, version: object) -> storyboard.Storyboard:
    # Storyboards are frozen dataclasses, safe to share between sessions. (Kept in
    # st.session_state instead, the room's polled window drew nothing in Streamlit 1.67.)
    return storyboard.build(ui.records, filters, check=False)


def _clamp(number: int, total: int) -> int:
    return min(max(int(number), 1), total)


def _notes_toggle() -> bool:
    """Speaker notes under the frame, for rehearsing on one screen (never in the frame)."""
    return st.toggle("Show speaker notes below the slide", key="show_notes")


def _focus(options: storyboard.FilterOptions) -> storyboard.Filters:
    return storyboard.Filters(
        barrier=ui.url_choice("barrier", "Barrier", options.barriers, all_label="All barriers"),
        place=ui.url_choice("place", "Place", options.places, all_label="All places"),
        programme=ui.url_choice("programme", "Programme", options.programmes, all_label="All programmes"),
    )


def _downloads(story: storyboard.Storyboard) -> None:
    left, right = st.columns(2)
    left.download_button(
        "Download the deck (PowerPoint)",
        data=lambda: deck.deck_bytes(story),
        file_name=f"{story.file_stem()}.pptx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    right.download_button(
        "Download the handout (HTML: a title page and one A4 page per barrier)",
        data=lambda: handout.html_text(story),
        file_name=f"{story.file_stem()}-handout.html",
        mime="text/html",
        icon=":material/print:",
    )


def _presenter_link(filters: storyboard.Filters, number: int) -> None:
    params = {k: v for k, v in filters.params().items() if v}
    query = urlencode({"view": "presenter", **params, "slide": number})
    with st.expander("Present with a second screen", icon=":material/cast:"):
        st.markdown(
            "The presenter view shows this slide, the next one, the speaker notes and a timer, and "
            "gives a short session code. Open it on your laptop, then open the audience link it shows "
            "on the projector (or type the code below there): moving in either window moves both."
        )
        st.link_button(
            "Open the presenter view (new window)", f"present?{query}", icon=":material/open_in_new:"
        )
        with st.form("join", border=False):
            code = st.text_input("Session code from a presenter view", max_chars=12, key="join_code")
            if st.form_submit_button("Follow that session"):
                st.query_params["session"] = sessions.normalise(code)
                st.rerun()


def _standalone(messages, options: storyboard.FilterOptions) -> None:
    _filters_from_url(messages, options)  # bad values: one message each, then dropped
    frame = st.container()
    show_notes = _notes_toggle()
    # The focus widgets come after the frame on screen but run first, so a new
    # focus shows at once.
    focus = st.expander("Focus the session and download the deck", icon=":material/tune:")
    with focus:
        filters = _focus(options)
    # A new focus starts the session again at slide 1.
    if st.session_state.get("present_filters", filters) != filters:
        st.query_params["slide"] = "1"
    st.session_state["present_filters"] = filters
    story = _story(filters)
    total = len(story)
    number, problem = present.parse_slide(st.query_params.get("slide"), total)
    if problem:
        messages.warning(ui.escape_md(problem))
    st.query_params["slide"] = str(number)

    def go() -> None:
        target = slideshow.nav_target(SLIDESHOW_KEY)
        if target is not None:
            st.query_params["slide"] = str(_clamp(target, total))

    slide = story.slides[number - 1]
    with frame:
        slideshow.show(
            key=SLIDESHOW_KEY,
            mode="audience",
            slides=[slide_html.slide_html(slide, number, total)],
            number=number,
            total=total,
            notes=slide_html.notes_html(slide) if show_notes else "",
            on_nav=go,
            neighbours=_neighbours(story, number),
            focus=_focus_key(filters),
        )
    with focus:
        _downloads(story)
    _presenter_link(filters, number)


def _focus_key(filters: storyboard.Filters) -> str:
    return urlencode({k: v or "" for k, v in filters.params().items()})


def _neighbours(story: storyboard.Storyboard, number: int) -> tuple[str, str]:
    """The slides either side of slide `number`, drawn (or "" at either end)."""
    total = len(story)
    before = slide_html.slide_html(story.slides[number - 2], number - 1, total) if number > 1 else ""
    after = slide_html.slide_html(story.slides[number], number + 1, total) if number < total else ""
    return before, after


def _shared_nav(store: sessions.Store, code: str) -> Callable[[], None]:
    def go() -> None:
        target = slideshow.nav_target(SLIDESHOW_KEY)
        if target is not None:
            with contextlib.suppress(sessions.UnknownSession):  # gone meanwhile: the page's next run says so
                store.move(code, target)

    return go


def _watch(store: sessions.Store, code: str, drawn: sessions.Position) -> None:
    """Follow the other window: a tiny fragment reads the shared position twice a
    second and reruns the page only when it has moved. It draws nothing, so the
    slide is never redrawn (or faded) while nothing changes."""

    @st.fragment(run_every=POLL_SECONDS)
    def watch() -> None:
        try:
            now = store.get(code)
        except sessions.UnknownSession:
            return  # the page says so on its next run
        if (now.slide, now.started, now.filters) != (drawn.slide, drawn.started, drawn.filters):
            st.rerun()

    watch()


def _follow(store: sessions.Store, code: str) -> None:
    """The room's view of a presenter's session."""
    position = store.get(code)
    if room.room_view(code):  # a question is on the screen in place of the slide; it polls for itself
        return
    story = _story(position.focus())
    number = _clamp(position.slide, len(story))
    slide = story.slides[number - 1]
    frame = st.container()
    show_notes = _notes_toggle()
    with frame:
        slideshow.show(
            key=SLIDESHOW_KEY,
            mode="audience",
            slides=[slide_html.slide_html(slide, number, len(story))],
            number=number,
            total=len(story),
            notes=slide_html.notes_html(slide) if show_notes else "",
            on_nav=_shared_nav(store, code),
            focus=_focus_key(position.focus()),
        )
    _watch(store, code, position)
    room.watch_for_question(code)
    st.caption(f"Following the presenter view's session {code}. Moving here moves the presenter view too.")
    if st.button("Stop following (present on this screen alone)", key="leave_session"):
        del st.query_params["session"]
        st.rerun()


def _presenter(messages, store: sessions.Store, options: storyboard.FilterOptions) -> None:
    code = sessions.normalise(st.query_params.get("session"))
    position = None
    if code:
        try:
            position = store.get(code)
        except sessions.UnknownSession as exc:
            messages.warning(ui.escape_md(f"{exc}. A new session has been opened."))
    if position is None:
        filters = _filters_from_url(messages, options)
        story = _story(filters)
        number, _ = present.parse_slide(st.query_params.get("slide"), len(story))
        try:
            position = store.open(filters, len(story), number)
        except sessions.UnknownSession as exc:  # the sessions folder is refused, or the disk is full
            st.warning(ui.escape_md(f"{exc}. Present on this screen alone for now."))
            return
        st.query_params["session"] = position.code
    code = position.code

    def restart() -> None:
        with contextlib.suppress(sessions.UnknownSession):
            store.restart_timer(code)

    try:
        current = store.get(code)
    except sessions.UnknownSession as exc:  # expired, or its folder was cleared
        st.warning(ui.escape_md(f"{exc}. Open the presenter view again to start a new session."))
        return
    story = _story(current.focus())
    total = len(story)
    number = _clamp(current.slide, total)
    view = _presenter_view(story, number)
    slideshow.show(
        key=SLIDESHOW_KEY,
        mode="presenter",
        slides=[view["now"], view["next"]],
        number=number,
        total=total,
        notes=view["notes"],
        code=code,
        elapsed=time.time() - current.started,
        on_nav=_shared_nav(store, code),
        on_timer=restart,
        presenter_near=(
            _presenter_view(story, number - 1) if number > 1 else None,
            _presenter_view(story, number + 1) if number < total else None,
        ),
    )
    _watch(store, code, current)
    room.presenter_controls(code, current.focus().place)
    st.caption(
        f"The audience window's link is beside the timer; on the projector you can also type the code {code} "
        "under “Present with a second screen”."
    )


def _presenter_view(story: storyboard.Storyboard, number: int) -> dict[str, str]:
    """What the presenter view shows at slide `number`: the slide, the next one (or
    ""), and the speaker notes, all drawn and escaped by slide_html."""
    total = len(story)
    now = story.slides[number - 1]
    return {
        "now": slide_html.slide_html(now, number, total),
        "next": slide_html.slide_html(story.slides[number], number + 1, total) if number < total else "",
        "notes": slide_html.notes_html(now),
    }


def page() -> None:
    st.html(STYLE)
    _page()
    # Last, so never the page's first element: this page updates itself, and if
    # Streamlit's page code stops, the component loads the page again.
    recover.watch()


def _page() -> None:
    st.container(key="present_page")
    messages = st.container()
    with messages:
        ui.synthetic_banner()
    options = storyboard.options(ui.records)
    store = sessions.Store()
    if st.query_params.get("view") == "presenter":
        _presenter(messages, store, options)
        return
    code = st.query_params.get("session")
    if code:
        # A code is 6 characters; a longer value is quoted short in the message.
        code = sessions.normalise(shorten(code))
        try:
            store.get(code)
        except sessions.UnknownSession as exc:
            messages.warning(ui.escape_md(f"{exc}. Presenting on this screen alone."))
            del st.query_params["session"]
        else:
            _follow(store, code)
            return
    _standalone(messages, options)
