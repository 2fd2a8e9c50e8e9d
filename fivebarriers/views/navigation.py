"""The page registry: every page of the app, declared once, in menu order.
app.py turns it into st.navigation; tests walk it to run every page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    path: str  # file under pages/
    title: str
    icon: str
    url_path: str
    section: str
    hidden: bool = False  # reached from the footer, not listed in the menu


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", ":material/home:", "overview", "Results"),
    PageSpec("pages/search.py", "Search", ":material/search:", "search", "Results"),
    PageSpec("pages/barriers.py", "Barriers", ":material/block:", "barriers", "Results"),
    PageSpec("pages/places.py", "Places", ":material/map:", "places", "Results"),
    PageSpec("pages/departments.py", "Departments", ":material/account_balance:", "departments", "Results"),
    PageSpec("pages/pilots.py", "Pilots", ":material/flag:", "pilots", "Results"),
    PageSpec("pages/programmes.py", "Programmes", ":material/folder_open:", "programmes", "Results"),
    PageSpec("pages/explorer.py", "Results explorer", ":material/table_chart:", "explorer", "Results"),
    PageSpec("pages/compare.py", "Compare", ":material/compare_arrows:", "compare", "Results"),
    PageSpec("pages/sources.py", "Sources & method", ":material/menu_book:", "sources", "About the data"),
    PageSpec("pages/changes.py", "What changed", ":material/history:", "changes", "About the data"),
    PageSpec("pages/present.py", "Present", ":material/slideshow:", "present", "Workshops"),
    PageSpec("pages/workshops.py", "What workshops said", ":material/how_to_vote:", "workshops", "Workshops"),
    PageSpec(
        "pages/vote.py", "Answer the question", ":material/how_to_vote:", "vote", "Workshops", hidden=True
    ),
    PageSpec("pages/upload.py", "Add data", ":material/upload_file:", "upload", "Analysts"),
    PageSpec(
        "pages/accessibility.py",
        "Accessibility statement",
        ":material/accessibility:",
        "accessibility",
        "About this service",
        hidden=True,
    ),
)


def by_url(url_path: str) -> PageSpec:
    for page in PAGES:
        if page.url_path == url_path:
            return page
    raise KeyError(url_path)
