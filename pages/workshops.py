"""What workshops have said: the rooms' saved answers by barrier and by
place (/workshops?place=bodmin). Facilitators save them from the Present
page; analysts may load them like any data."""

import streamlit as st

from fivebarriers.views import ui
from fivebarriers.views import workshops as view
from fivebarriers.views.page_run import through_app

through_app()

st.title("What workshops have said")
ui.synthetic_banner()
places = ui.records("workshop_places")
if not places:
    # One sentence and no empty chart (and no st.stop: the footer is drawn after the page).
    st.markdown(view.HOW_TO_RUN)
else:
    st.markdown(
        "At workshops run with this service, the room answers questions from their phones. These are "
        "the answers the facilitators saved: how many people chose each option, never who chose what."
    )
    options = view.place_options(places)
    place = ui.url_choice("place", "Place", options, all_label="All places") if options else None
    place_name = options.get(place) if place else None
    ui.page_title(place_name)

    chart_side, table_side = st.columns([3, 2], gap="large")
    with chart_side:
        totals = ui.records("workshop_barrier_totals", place=place)
        if totals and int(totals[0]["workshops"]):
            ui.chart_block(view.barrier_chart(totals, place_name), key="workshop_barriers", level=2)
        else:
            st.header("Which barrier holds a place back most")
            st.markdown(ui.escape_md(view.not_asked_text(place_name)))
    with table_side:
        st.header("By place")
        ui.table(view.places_frame(places))

    st.header("Every answer saved")
    ui.table(view.answers_frame(ui.records("workshop_answers_list", place=place)))
