"""Present: the workshop storyboard as a slideshow for a projector.

?slide=5&barrier=data-sharing&place=…&programme=… is a bookmark; ← and → move
between slides; speaker notes sit behind a toggle below the slide."""

import streamlit as st

from fivebarriers.views import ui
from fivebarriers.workshop import deck, handout, present, slide_charts, storyboard

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
st.html(present.STYLE)

messages = st.container()
with messages:
    ui.synthetic_banner()
slide_area = st.container(key="slide")
controls = st.container(key="slide_controls")
notes_area = st.container()

options = storyboard.options(ui.records)
for name, allowed in (
    ("barrier", options.barriers),
    ("place", options.places),
    ("programme", options.programmes),
):
    raw = st.query_params.get(name)
    if raw is not None and raw not in allowed:
        messages.warning(ui.escape_md(present.bad_filter_message(name, raw)))
        del st.query_params[name]

with st.expander("Focus the session and download the deck", icon=":material/tune:"):
    filters = storyboard.Filters(
        barrier=ui.url_choice("barrier", "Barrier", options.barriers, all_label="All barriers"),
        place=ui.url_choice("place", "Place", options.places, all_label="All places"),
        programme=ui.url_choice("programme", "Programme", options.programmes, all_label="All programmes"),
    )
    story = storyboard.build(ui.records, filters, check=False)
    left, right = st.columns(2)
    left.download_button(
        "Download the deck (PowerPoint)",
        data=lambda: deck.deck_bytes(story),
        file_name=f"{story.file_stem()}.pptx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    right.download_button(
        "Download the handout (HTML, prints one page per barrier)",
        data=lambda: handout.html_text(story),
        file_name=f"{story.file_stem()}-handout.html",
        mime="text/html",
        icon=":material/print:",
    )

# A new focus starts the session again at slide 1.
if st.session_state.get("present_filters", filters) != filters:
    st.query_params["slide"] = "1"
st.session_state["present_filters"] = filters

total = len(story)
number, problem = present.parse_slide(st.query_params.get("slide"), total)
if problem:
    messages.warning(ui.escape_md(problem))
st.query_params["slide"] = str(number)
slide = story.slides[number - 1]


def go(step: int) -> None:
    current, _ = present.parse_slide(st.query_params.get("slide"), total)
    st.query_params["slide"] = str(min(max(current + step, 1), total))


with slide_area:
    st.container(key="slide_kicker").markdown(ui.escape_md(slide.kicker))
    st.title(ui.escape_md(slide.title), anchor=False)
    bullets = "\n".join(f"- {ui.escape_md(p)}" for p in slide.points)
    if slide.tiles:
        if slide.points:
            st.markdown(ui.escape_md(slide.points[0]))
        for row in range(0, len(slide.tiles), 3):
            for col, (i, tile) in zip(
                st.columns(3), enumerate(slide.tiles[row : row + 3], start=row), strict=False
            ):
                col.container(key=f"tile_value_{i}").markdown(ui.escape_md(tile.value))
                col.markdown(ui.escape_md(tile.label))
    elif slide.chart:
        text_col, chart_col = st.columns([5, 6], gap="large")
        text_col.markdown(bullets)
        with chart_col:
            ui.chart_block(slide_charts.slide_chart(slide.chart), key=f"slide_{slide.key}")
    elif slide.points:
        st.markdown(bullets)
    st.container(key="slide_source").markdown(ui.escape_md(slide.source))

with controls:
    back, where, forward = st.columns([1, 1, 1], vertical_alignment="center")
    back.button(
        "Previous",
        icon=":material/arrow_back:",
        shortcut="Left",
        on_click=go,
        args=(-1,),
        disabled=number == 1,
        width="stretch",
        key="previous_slide",
    )
    where.container(key="slide_counter").markdown(present.counter(number, total))
    forward.button(
        "Next",
        icon=":material/arrow_forward:",
        shortcut="Right",
        on_click=go,
        args=(1,),
        disabled=number == total,
        width="stretch",
        type="primary",
        key="next_slide",
    )

with notes_area:
    if st.toggle("Show speaker notes (not part of the slide)", key="show_notes"):
        st.container(border=True, key="speaker_notes").markdown(ui.escape_md(slide.notes))
