"""Five Barriers: entry point. Navigation, the page chrome (browser title,
header, footer, "Page not found", phone and print styles) and the shared
sidebar live here; each page is a thin file in pages/ that calls the
fivebarriers package."""

import streamlit as st

from fivebarriers.views import chrome, navigation

# A flat menu, in registry order: Streamlit 1.67 renders section headers as
# <div>/<header> inside the <ul>, which axe reports as broken lists (WCAG 1.3.1).
pages = [
    st.Page(
        spec.path,
        title=spec.title,
        icon=spec.icon,
        url_path=spec.url_path,
        default=spec is navigation.PAGES[0],
        visibility="hidden" if spec.hidden else "visible",
    )
    for spec in navigation.PAGES
]
current = st.navigation(pages)
unknown = chrome.requested_unknown_page(spec.url_path for spec in navigation.PAGES)
with_chrome = chrome.start(current.title, current.url_path)

if with_chrome:
    chrome.header()
    loading = chrome.loading_placeholder()
    if unknown:
        chrome.not_found(unknown)
    else:
        current.run()
    if loading is not None:
        loading.empty()
    chrome.footer()
else:
    current.run()
