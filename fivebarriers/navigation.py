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


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", ":material/home:", "overview", "Results"),
)


def by_url(url_path: str) -> PageSpec:
    for page in PAGES:
        if page.url_path == url_path:
            return page
    raise KeyError(url_path)
