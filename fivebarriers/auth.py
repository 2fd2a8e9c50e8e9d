"""The upload page's password: a salted scrypt hash in configuration, never the
password itself. `fivebarriers hash-password` prints the line to configure.

A sign-in is a signed, expiring token bound to the connection that typed the
password (see views/signin.py): Streamlit's session id travels in upload URLs
and so in proxy logs, and anyone who presents it joins the same session and
its session state, so a flag in the session state is not enough."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time

ENV_HASH = "FIVEBARRIERS_UPLOAD_PASSWORD_HASH"
SECRET_KEY = "upload_password_hash"
# scrypt cost: about 50 ms and 16 MB per attempt, which makes guessing slow.
N, R, P = 2**14, 8, 1
MIN_LENGTH = 10


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32
    )


def hash_password(password: str) -> str:
    """'scrypt$n$r$p$salt$hash' with a fresh random salt."""
    salt = secrets.token_bytes(16)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(_scrypt(password, salt, N, R, P))}"


def verify(password: str, stored: str) -> bool:
    """True when `password` matches `stored`; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def configured_hash(secret_value: str | None = None) -> str | None:
    """The configured hash: the environment variable wins, then the value of
    `upload_password_hash` in Streamlit secrets (passed in by the page)."""
    value = os.environ.get(ENV_HASH) or secret_value
    return value.strip() if value and value.strip() else None


def config_lines(stored: str) -> tuple[str, str]:
    """The secrets.toml line and the environment alternative."""
    return f'{SECRET_KEY} = "{stored}"', f"export {ENV_HASH}='{stored}'"


# Signs sign-in tokens. Per process: a restart signs everyone out, as it ends
# every Streamlit session anyway; replicas never share a session.
_TOKEN_KEY = secrets.token_bytes(32)
SIGN_IN_TTL_S = 8 * 3600  # a working day; every write checks it again


def _mac(binding: str, expires: int) -> str:
    return hmac.new(_TOKEN_KEY, f"{expires}|{binding}".encode(), hashlib.sha256).hexdigest()


def issue_token(binding: str, now: float | None = None, ttl_s: int = SIGN_IN_TTL_S) -> str:
    """A token saying 'the connection `binding` signed in', valid for ttl_s."""
    expires = int((time.time() if now is None else now) + ttl_s)
    return f"{expires}.{_mac(binding, expires)}"


def token_valid(token: object, binding: str, now: float | None = None) -> bool:
    """True only for an unexpired token issued to this same `binding`."""
    if not isinstance(token, str) or "." not in token:
        return False
    expires_text, mac = token.split(".", 1)
    try:
        expires = int(expires_text)
    except ValueError:
        return False
    if (time.time() if now is None else now) >= expires:
        return False
    return hmac.compare_digest(mac, _mac(binding, expires))
