"""The upload page's password: a salted scrypt hash in configuration, never the
password itself. `fivebarriers hash-password` prints the line to configure."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

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
