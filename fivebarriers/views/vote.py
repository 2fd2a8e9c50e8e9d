"""The phone page (/vote?c=CODE): a workshop's participant answers the
question on the screen. No sign-in and no personal data: the page makes a
random token for this phone and keeps it in its own address (?p=…), so a
reload or a lost connection keeps the same answer, and nothing else about
the person is kept. One answer per question, changeable until the
facilitator closes it. The page polls the room every POLL_SECONDS, so a new
question or a closed one shows without a reload."""

from __future__ import annotations

import streamlit as st

from fivebarriers.reflected import shorten
from fivebarriers.views import recover, ui
from fivebarriers.workshop import room_votes

POLL_SECONDS = 2.0
MESSAGE_KEY = "vote_message"

# Constant CSS: big touch targets, no page chrome to scroll past.
STYLE = """<style>
[data-testid="stMainBlockContainer"]:has(.st-key-vote_page) { max-width: 40rem; padding: 1.5rem 1rem 3rem; }
.st-key-vote_options button { min-height: 3.5rem; text-align: left; justify-content: flex-start; }
.st-key-vote_options button p { font-size: 1.25rem; }
</style>"""


def _token() -> str:
    token = st.query_params.get("p")
    if not token or not room_votes.TOKEN.match(token):
        token = room_votes.new_token()
        st.query_params["p"] = token
    return token


def _choose(code: str, token: str, option: str) -> None:
    try:
        room_votes.Votes().answer(code, token, option)
    except room_votes.RoomError as exc:
        st.session_state[MESSAGE_KEY] = str(exc)
    else:
        st.session_state.pop(MESSAGE_KEY, None)


def _watch(code: str, drawn: tuple[str | None, str | None]) -> None:
    """Rerun the page when the facilitator asks another question, closes or reopens one."""

    @st.fragment(run_every=POLL_SECONDS)
    def watch() -> None:
        try:
            room = room_votes.Votes().room(code)
        except room_votes.RoomError:
            st.rerun()
        if (room.question_id, room.state) != drawn:
            st.rerun()

    watch()


def _ask_for_code() -> None:
    st.markdown("Scan the QR code on the screen, or type the code shown beside it.")
    with st.form("vote_code", border=False):
        typed = st.text_input("Code", max_chars=12, key="vote_code_typed")
        if st.form_submit_button("Join"):
            st.query_params["c"] = room_votes.normalise(typed)
            st.rerun()


def page() -> None:
    st.html(STYLE)
    _page()
    # Last, so never the page's first element: this page updates itself, and if
    # Streamlit's page code stops, the component loads the page again.
    recover.watch()


def _page() -> None:
    st.container(key="vote_page")
    st.title("Answer the question")
    raw = st.query_params.get("c")
    if not raw:
        _ask_for_code()
        return
    code = room_votes.normalise(raw)
    if not room_votes.CODE.match(code):
        # Quoted as typed (shortened), as text: it came from the address.
        st.warning(
            ui.escape_md(
                f"“{shorten(raw)}” is not a room code: a code is {room_votes.CODE_LENGTH} letters "
                "and digits, shown on the screen"
            ),
            icon=":material/info:",
        )
        _ask_for_code()
        return
    token = _token()
    votes = room_votes.Votes()
    try:
        room = votes.room(code)
    except room_votes.RoomError as exc:
        st.warning(ui.escape_md(str(exc)), icon=":material/info:")
        _ask_for_code()
        return
    question = room.question
    if question is None:
        st.info(
            "The facilitator has not asked a question yet. It will appear here.", icon=":material/hourglass:"
        )
        _watch(code, (None, room.state))
        return
    st.subheader(question.text)
    mine = votes.my_answer(code, question.id, token)
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.warning(ui.escape_md(message), icon=":material/info:")
    if room.is_open:
        if mine:
            st.success(
                f"Your answer: {ui.escape_md(mine)}. "
                "You can change it until the facilitator closes the question.",
                icon=":material/check_circle:",
            )
        with st.container(key="vote_options"):
            for i, option in enumerate(question.options):
                st.button(
                    ui.escape_md(option),  # a button label is Markdown
                    key=f"vote_option_{i}",
                    type="primary" if option == mine else "secondary",
                    width="stretch",
                    on_click=_choose,
                    args=(code, token, option),
                )
    else:
        said = f" Your answer: {mine}." if mine else " You did not answer this one."
        st.info(ui.escape_md("The facilitator has closed this question." + said), icon=":material/lock:")
    _watch(code, (room.question_id, room.state))
