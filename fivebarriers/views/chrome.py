"""Page chrome: what every page of the service has around its content.

The browser title ("Liverpool · Places · Five Barriers"), a header with the
service name, a footer (accessibility statement, contact, feedback, when the
data last changed), a "Page not found" page, a placeholder while a cold
first visit draws, and the stylesheet for phones and print. app.py calls it
once per run; a page adds its entity to the title with `page_title(name)`.

The Present page draws its own projector frame: it gets a title, but no
header, footer or stylesheet, and its sidebar state is left to it (sending a
different state from here on every rerun is what made the sidebar flicker).

Module level imports only what the menu needs: the query layer (ui, and
pandas and Plotly behind it) is imported when the footer is drawn, so a cold
first visit can show the header and the placeholder before those load."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from fivebarriers import __version__
from fivebarriers import contact as contact_settings
from fivebarriers.views import copy_link, navigation, page_run
from fivebarriers.views.chrome_style import STYLE

SERVICE_NAME = page_run.SERVICE_NAME
document_title = page_run.document_title
page_title = page_run.page_title
ICON = ":material/account_tree:"
# The browser tab's icon is a file we serve: given a :material/…: name (ours or
# a page's), Streamlit fetches the picture from fonts.gstatic.com, which fails
# offline (a projector laptop) and tells Google who opened the page.
FAVICON = str(Path(__file__).parent / "assets" / "favicon.png")
ACCESSIBILITY_PAGE = "pages/accessibility.py"
CHANGES_PAGE = "pages/changes.py"
# The accessibility statement's contact section (a relative link, so it also
# works when the app is served under a path prefix).
CONTACT_ANCHOR = "accessibility#contact-us"
OWN_LAYOUT = frozenset({"present", "vote"})  # url paths of pages that draw their own frame
# Pages with no sidebar at all: the phone page a workshop's room answers on.
NO_SIDEBAR = frozenset({"vote"})
LOADING_TEXT = "Drawing the results…"
NOT_FOUND_TITLE = "Page not found"
_URL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


def start(page_title: str, url_path: str) -> bool:
    """Set this run's browser title, layout and sidebar; True when the page
    gets the shared header and footer (every page but the slideshow)."""
    own_layout = url_path in OWN_LAYOUT
    page_run.start(page_title)
    st.set_page_config(
        page_title=document_title(page_title),
        page_icon=FAVICON,
        layout="wide",
        # "auto" starts the sidebar collapsed below 768 px and open above; the
        # slideshow starts collapsed. The same value on every rerun changes
        # nothing, so a reader's own open/close survives (two contradicting
        # configs per run made the sidebar open and close on alternate slides).
        initial_sidebar_state="collapsed" if own_layout else "auto",
    )
    if not own_layout:
        st.html(STYLE)
    return not own_layout


def contact() -> contact_settings.Contact:
    """The [contact] section of Streamlit secrets, overridden by the environment."""
    try:
        section = st.secrets.get(contact_settings.SECRETS_SECTION)
    except FileNotFoundError:  # no secrets.toml: environment or defaults
        section = None
    return contact_settings.resolve(dict(section.items()) if hasattr(section, "items") else None)


def _feedback_link(who: contact_settings.Contact) -> str:
    return who.feedback_link or CONTACT_ANCHOR


def header() -> None:
    """Service name (a link home), a phase banner asking for feedback, and
    "Copy link to this view"."""
    with st.container(key="fb_header", horizontal=True, vertical_alignment="center", gap="medium"):
        spec = navigation.PAGES[0]
        st.page_link(spec.path, label=SERVICE_NAME, icon=ICON)
        # Static text and a checked address (fivebarriers.contact), never data.
        st.markdown(
            f"**Beta** This is a new service. [Your feedback]({_feedback_link(contact())}) "
            "will help us to improve it."
        )
    # Every view is a link (its filters are in the address): one control copies it.
    with st.container(key="fb_share"):
        copy_link.control()


def menu() -> None:
    """The page menu, drawn by us under the sidebar's search box: Streamlit's
    own menu always sits above every sidebar widget, which put the search
    below a dozen page names (st.navigation is called with position="hidden")."""
    with st.container(key="fb_menu"):
        st.markdown("**Pages**")
        for spec in (s for s in navigation.PAGES if not s.hidden):
            st.page_link(spec.path, label=spec.title, icon=spec.icon)


def loading_placeholder() -> st.delta_generator.DeltaGenerator | None:
    """On a session's first run the caches are cold and the page takes seconds
    to draw: say so in words, in the place the page will appear. Empty it
    with `.empty()` once the page has run."""
    if st.session_state.get("fb_warm"):
        return None
    st.session_state["fb_warm"] = True
    slot = st.empty()
    slot.markdown(LOADING_TEXT)
    return slot


def finish(loading: st.delta_generator.DeltaGenerator | None, footer_too: bool = True) -> None:
    """The end of every page with the shared frame, also when it stops early
    (page_run.stop): the loading line goes, the footer comes."""
    if loading is not None:
        loading.empty()
    if footer_too:
        footer()


def footer() -> None:
    """Accessibility statement, contact, feedback and the data's last change, on every page."""
    from fivebarriers.views import changes

    who = contact()
    contact_link = who.mailto or CONTACT_ANCHOR
    with st.container(key="fb_footer"):
        st.divider()
        # Centred in one row: the page links and the Markdown links sit on one
        # baseline (chrome_style gives them one size).
        with st.container(horizontal=True, gap="large", vertical_alignment="center", key="fb_footer_links"):
            st.page_link(ACCESSIBILITY_PAGE, label="Accessibility statement")
            st.markdown(f"[Contact us]({contact_link})")
            st.markdown(f"[Give feedback]({_feedback_link(who)})")
            st.page_link(CHANGES_PAGE, label=f"Data last changed: {changes.last_changed_text()}")
        # Shown only on paper (chrome_style), repeated at the foot of every sheet.
        with st.container(key="fb_print"):
            st.text(print_line(changes.last_changed_text()))
        st.caption(about_line())


def about_line() -> str:
    """What the service is, and which release draws the page (an operator or a
    reader reporting a problem can name it)."""
    # The sources are one programme's guidance, a briefing and articles: not
    # all of them are evaluations, so the line does not say they are.
    return (
        f"{SERVICE_NAME} brings together what published guidance, briefings and articles report "
        "about place-based pilots. Every figure names its document and section; summaries are in our "
        f"own words. Version {__version__}."
    )


def page_address() -> str:
    """This view's address with its filters, for the printed page."""
    base = st.context.url or ""
    query = urlencode(st.query_params.to_dict())
    return f"{base}?{query}" if query else base


def print_line(data_date: str) -> str:
    return f"{page_run.title()} | {page_address()} | Data last changed: {data_date}"


def requested_unknown_page(known: Iterable[str]) -> str | None:
    """The page name a visitor typed or pasted, when no page has it (call
    before st.navigation).

    The name is only on the run's PagesManager (not public API: if it moves,
    unknown addresses show Streamlit's own "Page not found" notice and the
    Overview, as before). Names that cannot be a url_path are left to it too."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", None):
        return None
    asked = getattr(manager, "intended_page_name", None)
    if not asked or asked in set(known) or not _URL_NAME.match(str(asked)):
        return None
    return str(asked)


def not_found_page(asked: str) -> st.Page:
    """A hidden page at the unknown address itself: Streamlit then finds a
    page (no notice of its own that it is "running the app's main page"),
    the address stays as typed, and the reader gets GOV.UK's "Page not found"."""

    def page_not_found() -> None:
        not_found(asked)

    return st.Page(page_not_found, title=NOT_FOUND_TITLE, url_path=asked, visibility="hidden")


def not_found(asked: str) -> None:
    """GOV.UK's 'Page not found', with a link to every page instead of a silent Overview."""
    from fivebarriers.views import ui

    st.title(NOT_FOUND_TITLE)
    st.markdown("There is no page at " + ui.escape_md(f"/{asked}") + ".")
    st.markdown(
        "If you typed the web address, check it is correct.\n\n"
        "If you pasted the web address, check you copied the entire address."
    )
    st.header("Pages in this service")
    for spec in (s for s in navigation.PAGES if not s.hidden):
        st.page_link(spec.path, label=spec.title, icon=spec.icon)
