"""Who the public can contact about the service, and where feedback goes.

Set in `.streamlit/secrets.toml`:

    [contact]
    name = "Place-based insight team"
    email = "place-insight@example.gov.uk"
    feedback_url = "https://forms.example/five-barriers"

or in the environment (FIVEBARRIERS_CONTACT_NAME, FIVEBARRIERS_CONTACT_EMAIL,
FIVEBARRIERS_FEEDBACK_URL), which wins. A value that is not a plain email
address or an http(s) address is ignored (and logged), because it ends up in
a link on every page. With nothing set, the footer's contact and feedback
links lead to the accessibility statement's "Contact us" section, which says
plainly that this copy of the service has no address set up."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlparse

SECRETS_SECTION = "contact"
ENV = {
    "name": "FIVEBARRIERS_CONTACT_NAME",
    "email": "FIVEBARRIERS_CONTACT_EMAIL",
    "feedback_url": "FIVEBARRIERS_FEEDBACK_URL",
}
DEFAULT_NAME = "the Five Barriers team"
FEEDBACK_SUBJECT = "Feedback on Five Barriers"

# Deliberately narrow: the address is placed in a mailto: link, so nothing
# that could close the link or start Markdown (spaces, brackets, quotes) passes.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_URL_UNSAFE = re.compile(r"[\s()<>\[\]\"'`\\]")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None
    feedback_url: str | None = None

    @property
    def mailto(self) -> str | None:
        return f"mailto:{self.email}" if self.email else None

    @property
    def feedback_link(self) -> str | None:
        """The feedback form, else an email to the contact with a subject line."""
        if self.feedback_url:
            return self.feedback_url
        if self.email:
            return f"mailto:{self.email}?subject={quote(FEEDBACK_SUBJECT)}"
        return None


def valid_email(value: str) -> bool:
    return bool(_EMAIL.match(value)) and len(value) <= 254


def valid_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and not _URL_UNSAFE.search(value)


def _setting(key: str, secrets: Mapping[str, Any]) -> str | None:
    value = os.environ.get(ENV[key]) or secrets.get(key)
    return str(value).strip() or None if value else None


def resolve(secrets: Mapping[str, Any] | None = None) -> Contact:
    """The contact from the environment, else the [contact] secrets section, else the default."""
    secrets = secrets or {}
    name = _setting("name", secrets) or DEFAULT_NAME
    email = _setting("email", secrets)
    if email and not valid_email(email):
        log.warning("Ignoring the contact email %r: it is not a plain email address.", email)
        email = None
    feedback = _setting("feedback_url", secrets)
    if feedback and not valid_url(feedback):
        log.warning("Ignoring the feedback address %r: it must be an http(s) address.", feedback)
        feedback = None
    return Contact(name=name, email=email, feedback_url=feedback)
