"""The Add data page's sign-in, in Streamlit terms: the password form behind
the process-wide throttle (fivebarriers.throttle), and a sign-in bound to the
connection that typed the password (fivebarriers.auth tokens).

Streamlit's session id is in every upload URL, so it reaches proxy logs, and
a websocket that presents it is attached to that session and its state. So
the sign-in is a token signed for this connection's own handshake (its
Sec-WebSocket-Key, which the browser makes afresh for every connection, with
the client address and browser), and it is checked again on every run of the
page and before every load and undo: a connection that took over the session
id is not signed in. The cost: a browser that loses its connection (server
restart, network drop) signs in again."""

from __future__ import annotations

import hashlib
import os

import streamlit as st

from fivebarriers import auth, throttle

TOKEN_KEY = "upload_sign_in_token"
# Behind a load balancer every client has the balancer's address; with this set
# to 1 the address is the last X-Forwarded-For entry the balancer appended.
# Only set it when a proxy you run always sets that header.
ENV_TRUST_FORWARDED = "FIVEBARRIERS_TRUST_X_FORWARDED_FOR"


def client_address() -> str:
    headers = st.context.headers
    if os.environ.get(ENV_TRUST_FORWARDED) == "1":
        forwarded = headers.get("X-Forwarded-For", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    address = st.context.ip_address
    # None on loopback; not a string at all under AppTest.
    return address if isinstance(address, str) and address else "local"


def _binding() -> str:
    headers = st.context.headers
    parts = (headers.get("Sec-Websocket-Key"), headers.get("User-Agent"), client_address())
    return hashlib.sha256("\n".join(p if isinstance(p, str) else "" for p in parts).encode()).hexdigest()


def signed_in() -> bool:
    """True when THIS connection signed in and its sign-in has not expired."""
    return auth.token_valid(st.session_state.get(TOKEN_KEY), _binding())


def sign_out() -> None:
    st.session_state.pop(TOKEN_KEY, None)


def form(stored_hash: str) -> None:
    """The password form. Every attempt asks the shared throttle first; a
    right password issues this connection's token and reruns the page."""
    had_token = TOKEN_KEY in st.session_state
    if had_token:
        st.warning(
            "Your sign-in has expired or belongs to another connection (for example after the page "
            "lost its connection to the server). Sign in again to load or undo.",
            icon=":material/lock:",
        )
    with st.form("upload_sign_in"):
        password = st.text_input("Upload password", type="password")
        if not st.form_submit_button("Sign in"):
            return
    address = client_address()
    decision = throttle.SIGN_IN.attempt(address)
    if not decision.allowed:
        st.error(
            "Too many wrong passwords have been tried on this server. Wait "
            f"{throttle.describe_wait(decision.retry_after_s)} before trying again; analysts with a "
            "shell on the server can load files with `fivebarriers ingest` meanwhile."
        )
        return
    if auth.verify(password, stored_hash):
        throttle.SIGN_IN.succeeded(address)
        st.session_state[TOKEN_KEY] = auth.issue_token(_binding())
        st.rerun()
    st.error("That password is not right.")


def still_signed_in(action: str) -> bool:
    """Check the sign-in again just before a write (a load or an undo)."""
    if signed_in():
        return True
    st.error(f"You are no longer signed in, so nothing was {action}. Sign in again.")
    return False
