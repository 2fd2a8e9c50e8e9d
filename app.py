"""Five Barriers: entry point. Navigation, the page chrome (browser title,
header, footer, "Page not found", phone and print styles) and the shared
sidebar live here; each page is a thin file in pages/ that calls the
fivebarriers package."""

import streamlit as st

from fivebarriers.views import chrome, navigation, page_run, phone_menu, sidebar_search, ui

# A flat menu, in registry order: Streamlit 1.67 renders section headers as
# <div>/<header> inside the <ul>, which axe reports as broken lists (WCAG 1.3.1).
# No icon here: the menu (chrome.menu) draws each page's icon from its font,
# while an st.Page icon becomes the tab's icon, which Streamlit fetches from
# fonts.gstatic.com (offline it fails; online it tells Google who reads).
pages = [
    st.Page(
        spec.path,
        title=spec.title,
        url_path=spec.url_path,
        default=spec is navigation.PAGES[0],
        visibility="hidden" if spec.hidden else "visible",
    )
    for spec in navigation.PAGES
]
unknown = chrome.requested_unknown_page(spec.url_path for spec in navigation.PAGES)
if unknown:
    pages.append(chrome.not_found_page(unknown))
# The menu is drawn by chrome.menu(), under the search box: Streamlit's own
# menu would sit above every sidebar widget and fold after ten pages.
current = st.navigation(pages, position="hidden")
if chrome.start(current.title, current.url_path):
    chrome.header()
    with st.sidebar:
        sidebar_search.box()
        chrome.menu()
        phone_menu.wire()  # on a phone, the menu closes after a search or a link
        st.caption("Data: " + ui.escape_md(ui.database().label))
    loading = chrome.loading_placeholder()
    # A page that stops early calls page_run.stop(), which runs this same ending.
    page_run.on_finish(lambda footer: chrome.finish(loading, footer))
    current.run()
    page_run.finish()
else:
    if current.url_path not in chrome.NO_SIDEBAR:
        with st.sidebar:  # the slideshow starts with the sidebar closed
            chrome.menu()
    current.run()
