"""The workshop: the storyboard of slides (model, wording, case_charts, slides,
storyboard), the slides as HTML and SVG for the Present page (slide_html,
chart_svg), presenter sessions shared between windows (sessions), the
PowerPoint deck and the printable handout. Plain Python: no Streamlit."""
