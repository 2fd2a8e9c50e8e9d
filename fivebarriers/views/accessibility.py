"""The accessibility statement: text in help/accessibility.md (written as UK
public-sector services publish theirs), with the service's contact filled in."""

from __future__ import annotations

from pathlib import Path

from fivebarriers.contact import Contact
from fivebarriers.views import ui

STATEMENT = Path(__file__).resolve().parent / "help" / "accessibility.md"
CONTACT_MARK = "<!-- contact -->"
CONTACT_HEADING = "Contact us"
RESPONSE_TIME = "We aim to reply within 5 working days."


def statement(who: Contact) -> tuple[str, str]:
    """The statement as Markdown, split where the contact section goes."""
    text = STATEMENT.read_text(encoding="utf-8").replace("{name}", ui.escape_md(who.name))
    before, _, after = text.partition(CONTACT_MARK)
    return before.strip(), after.strip()


def contact_lines(who: Contact) -> list[str]:
    """How to reach the people who run this copy of the service, in Markdown.
    The address has passed fivebarriers.contact's checks; names are escaped."""
    lines = []
    if who.email:
        address = f"[{ui.escape_md(who.email)}]({who.mailto})"
        lines.append(f"Email {ui.escape_md(who.name)}: {address}. {RESPONSE_TIME}")
    else:
        lines.append(
            "This copy of Five Barriers has no contact address set up yet. Ask the person or "
            "organisation that gave you the link to it: they can pass your request to "
            f"{ui.escape_md(who.name)}."
        )
    if who.feedback_url:
        lines.append(f"You can also [give feedback on the service]({who.feedback_url}).")
    return lines
