"""The stylesheet app.py adds to every page except the slideshow: phones and
narrow windows, print, and the words shown while a chart's code loads.

Static CSS only (no data, no user text), added with st.html. It targets
Streamlit's data-testid attributes, which are stable across releases, and
the st-key-* classes of containers created with a `key`."""

from __future__ import annotations

STYLE = """
<style>
/* Loading: on a cold first visit Plotly's code arrives seconds after the
   page; say what is happening instead of showing a blank grey box. */
.stPrintGraphic > [data-testid="stSkeleton"] {
  display: flex; align-items: center; justify-content: center;
}
.stPrintGraphic > [data-testid="stSkeleton"]::after {
  content: "Drawing the results…"; color: #0B0C0C; font-size: 1rem;
}

/* Header and footer */
.st-key-fb_header [data-testid="stPageLink"] a,
.st-key-fb_footer [data-testid="stPageLink"] a { background: transparent; padding: 0; }
/* The footer's page links look like its other links (GOV.UK link blue, 5.2:1 on white). */
.st-key-fb_footer [data-testid="stPageLink"] p { color: #1D70B8; text-decoration: underline; }
.st-key-fb_header [data-testid="stPageLink"] p { font-weight: 700; font-size: 1.1rem; }
.st-key-fb_header [data-testid="stMarkdownContainer"] p { margin: 0; }
.st-key-fb_footer { margin-top: 2rem; }
/* Page links (st.page_link) and Markdown links (contact, feedback) in one size
   and line height, and without the negative margins Streamlit gives each kind
   (they differ, so the centred row put the Markdown links 8 px lower): the four
   footer links share a baseline. */
.st-key-fb_footer_links [data-testid], .st-key-fb_footer_links p { margin-top: 0; margin-bottom: 0; }
.st-key-fb_footer_links [data-testid="stMarkdownContainer"] p,
.st-key-fb_footer_links [data-testid="stPageLink"] p { font-size: 1rem; line-height: 1.5; }
.st-key-fb_print { display: none; }
[class*="st-key-fb_cards_"] { display: none; }

/* Phones and narrow windows (the sidebar starts collapsed below 768 px):
   nothing in the main column may be wider than the screen. */
@media screen and (max-width: 767.98px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; padding-top: 3.5rem; }
  [data-testid="stMain"] h1 { font-size: 1.75rem; line-height: 1.2; overflow-wrap: anywhere; }
  [data-testid="stMain"] h2 { font-size: 1.4rem; overflow-wrap: anywhere; }
  [data-testid="stMain"] h3 { font-size: 1.2rem; overflow-wrap: anywhere; }
  [data-testid="stMain"] p, [data-testid="stMain"] li { overflow-wrap: anywhere; }
  /* Headline figures: two to a row instead of one a screen. */
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {
    flex-wrap: wrap; gap: 0.5rem 1rem;
  }
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"])
    > [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 1rem) !important; min-width: calc(50% - 1rem) !important; width: auto !important;
  }
  [data-testid="stMetricValue"] { font-size: 1.75rem; }
  /* Small tables become one card per row (fivebarriers.views.links.static_table). */
  [class*="st-key-fb_table_"] [data-testid="stTable"] { display: none; }
  [class*="st-key-fb_cards_"] { display: block; }
  [class*="st-key-fb_cards_"] hr { margin: 0.75rem 0; }
  /* Charts and grids fit the column; a grid may scroll inside itself. */
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTabs"] { max-width: 100%; }
  [data-testid="stTabs"] [role="tablist"] { overflow-x: auto; }
  /* The menu's button says what it opens (views/phone_menu.py names it too). */
  [data-testid="stExpandSidebarButton"]::after { content: "Menu"; margin-left: 0.25rem; font-weight: 600; }
}

/* Print: the page's content at full width, no menu or controls, charts
   kept whole, and the page's title, address and data date on every sheet. */
@media print {
  @page { size: A4; margin: 14mm 12mm 18mm 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stSkipLink"], .st-key-fb_header, .st-key-fb_share,
  [data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stNumberInput"],
  [data-testid="stTextInput"], [data-testid="stRadio"], [data-testid="stCheckbox"],
  [data-testid="stSlider"], [data-testid="stButton"], [data-testid="stDownloadButton"],
  [data-testid="stFileUploader"], [data-testid="stFormSubmitButton"], [data-testid="stToggle"],
  [data-testid="stSegmentedControl"], [data-testid="stPills"],
  [data-testid="stTabs"] [role="tablist"], [data-testid="stHeadingActionElements"] {
    display: none !important;
  }
  [data-testid="stMain"] { margin-left: 0 !important; width: 100% !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"] {
    overflow: visible !important; position: static !important; height: auto !important;
  }
  /* Not the charts: break-inside on Streamlit's size-contained chart box prints it blank. */
  [data-testid="stTable"] tr, [data-testid="stMetric"] { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  .st-key-fb_print {
    display: block !important; position: fixed; bottom: 0; left: 0; right: 0;
    font-size: 9pt; color: #0B0C0C; background: #FFFFFF; border-top: 1px solid #B1B4B6;
  }
  .st-key-fb_print p { margin: 0; }
  .st-key-fb_footer { break-inside: avoid; }
}
</style>
"""
