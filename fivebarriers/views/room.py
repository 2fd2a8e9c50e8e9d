"""Ask the room, on the Present page: the presenter view's controls (ask a
question, close it, reopen it, back to the slides, save the answers) and
the room's view of the question (live counts, join address, code, QR code).

The answers live in workshop.room_votes while the workshop runs; both views
read them there, polling once a second, so the room's chart follows a vote
within about a second."""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from fivebarriers import auth, config
from fivebarriers.views import signin, ui
from fivebarriers.workshop import room_html, room_model, room_votes

POLL_SECONDS = 1.0  # the room's window: a vote shows within about a second
PRESENTER_POLL_SECONDS = 2.0  # the presenter's own copy can lag a little, and costs half as much
WORKSHOPS_PAGE = "workshops"
QUESTION_KEY = "room_question"
PROBLEM_KEY = "room_problem"  # what a button's callback could not do, said on the next run


def base_url() -> str:
    """The dashboard's address for phones: the configured one, else this browser's."""
    configured = config.public_url()
    if configured:
        return configured
    parts = urlsplit(str(st.context.url or "http://localhost:8501/present"))
    path = parts.path.rstrip("/")
    path = path.rsplit("/", 1)[0] if path.endswith("/present") or path == "/present" else path
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")).rstrip("/")


def _panel_html(room: room_votes.Room, votes: room_votes.Votes) -> str:
    question = room.question
    assert question is not None
    counts = votes.counts(room.code, question.id)
    url = room_html.join_url(base_url(), room.code)
    return room_html.panel(question, counts, room.is_open, url, room.code)


def _live(
    present_code: str,
    drawn: tuple[str | None, str | None],
    votes: room_votes.Votes,
    every: float = POLL_SECONDS,
) -> None:
    """The question's panel, redrawn every `every` seconds; a new question (or back
    to the slides) reruns the page."""

    @st.fragment(run_every=every)
    def live() -> None:
        room = votes.find(present_code)
        if room is None or (room.question_id, room.state) != drawn:
            st.rerun()
        st.html(_panel_html(room, votes))

    live()


def room_view(present_code: str) -> bool:
    """The room's window: the question's panel in place of the slide, while one is
    asked. False when there is none (the caller draws the slide)."""
    votes = room_votes.Votes()
    with contextlib.suppress(room_votes.RoomError):
        room = votes.find(present_code)
        if room is not None and room.question is not None:
            st.html(room_html.STYLE)
            _live(present_code, (room.question_id, room.state), votes)
            return True
    return False


def watch_for_question(present_code: str) -> None:
    """In the room's window showing a slide: rerun when a question is asked."""
    votes = room_votes.Votes()

    @st.fragment(run_every=POLL_SECONDS)
    def watch() -> None:
        with contextlib.suppress(room_votes.RoomError):
            room = votes.find(present_code)
            if room is not None and room.question is not None:
                st.rerun()

    watch()


def presenter_controls(present_code: str, place: str | None) -> None:
    """The presenter view's "Ask the room" section."""
    votes = room_votes.Votes()
    with st.expander("Ask the room", icon=":material/how_to_vote:", expanded=True):
        try:
            room = votes.open_room(present_code, place)
        except room_votes.RoomError as exc:
            st.warning(ui.escape_md(str(exc)))
            return
        if problem := st.session_state.pop(PROBLEM_KEY, None):
            st.warning(ui.escape_md(problem))
        labels = {q.id: q.text for q in room_model.QUESTIONS}
        chosen = st.selectbox(
            "Question",
            list(labels),
            format_func=labels.__getitem__,
            index=list(labels).index(room.question_id) if room.question_id in labels else 0,
            key=QUESTION_KEY,
        )
        row = st.container(horizontal=True)
        # Each button acts in its callback, which Streamlit runs before the page's
        # next run, so that run draws the room as the click left it: one run of
        # this heavy page per click. Acting in the page and then calling
        # st.rerun() ran it twice, while its polling fragments queued behind.
        if room.question_id != chosen or not room.is_open:
            verb = "Reopen the question" if room.question_id == chosen else "Show the question to the room"
            row.button(verb, key="room_ask", type="primary", on_click=_ask, args=(votes, room.code))
        if room.is_open:
            row.button("Close the question", key="room_close", on_click=_act, args=(votes.close, room.code))
        if room.question_id:
            row.button("Back to the slides", key="room_hide", on_click=_act, args=(votes.hide, room.code))
        url = room_html.join_url(base_url(), room.code)
        st.markdown(
            f"Phones join at **{ui.escape_md(room_html.short_address(url))}** with the code **{room.code}**."
        )
        if room.question is None:
            return
        st.html(room_html.STYLE)
        _live(present_code, (room.question_id, room.state), votes, PRESENTER_POLL_SECONDS)
        if not room.is_open:
            _save(votes, room)


def _ask(votes: room_votes.Votes, code: str) -> None:
    """Ask the question chosen in the list as it is now: a click can arrive with
    a new choice before the run that would have drawn the button for it."""
    _act(votes.ask, code, st.session_state[QUESTION_KEY])


def _act(action, *args) -> None:
    """A button's callback: ask, close or hide. A room gone meanwhile (expired, or
    its store refused) is said by the page's next run, above the room it reads again."""
    try:
        action(*args)
    except room_votes.RoomError as exc:
        st.session_state[PROBLEM_KEY] = str(exc)


def _save(votes: room_votes.Votes, room: room_votes.Room) -> None:
    """Save the closed question's counts as a dataset, for signed-in analysts."""
    st.subheader("Save the room's answers")
    stored = auth.configured_hash(ui.secret(auth.SECRET_KEY))
    if not stored:
        st.info(
            "Saving answers needs the upload password, which this server does not have "
            "(see the operators' guide)."
        )
        return
    if not signin.signed_in():
        signin.form(stored)
        return
    by = st.text_input("Your name (recorded with the answers)", key="room_saved_by")
    if st.button("Save the room's answers", key="room_save", type="primary") and signin.still_signed_in(
        "saved"
    ):
        # Imported when used: saving pulls in the whole load path, which showing a slide never needs.
        from fivebarriers.workshop.room_save import RoomSaveError, save_room_answers

        try:
            batch = save_room_answers(votes.answers(room.code), loaded_by=by.strip() or None)
        except (RoomSaveError, room_votes.RoomError) as exc:
            why = str(exc)
            st.error(ui.escape_md(why[:1].upper() + why[1:]))
            return
        where = f"?{urlencode({'place': room.place})}" if room.place else ""
        st.success(
            f"Saved the room's answers (batch {ui.escape_md(batch)}). "
            f"[See what workshops have said]({WORKSHOPS_PAGE}{where}).",
            icon=":material/check_circle:",
        )
