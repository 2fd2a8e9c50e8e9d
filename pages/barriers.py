"""Barriers: one view per barrier — evidence, recommendations, pilots, results;
narrowed to a place (with the places within it) or a programme with
?place= and ?programme=, so "data-sharing in Liverpool" is a link."""

import streamlit as st

from fivebarriers.views import barriers as view
from fivebarriers.views import links as entity_links
from fivebarriers.views import paging as ui_pages
from fivebarriers.views import places as place_view
from fivebarriers.views import programmes as programme_view
from fivebarriers.views import result_pages, result_tables, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("The five barriers: the evidence, what to do, and the pilots involved")
ui.synthetic_banner()

barriers = ui.records("barrier_summary")
barrier_id = ui.url_choice(
    "barrier", "Barrier", view.options(barriers), default=view.DEFAULT_BARRIER, always=True
)
barrier = next(b for b in barriers if b["barrier_id"] == barrier_id)
place_options = ui.derived(place_view.options, "place_options")
programme_options = ui.derived(programme_view.options, "programme_options")
entity_links.forget_stale_choice("place", place_options)
entity_links.forget_stale_choice("programme", programme_options)
left, right = st.columns(2)
with left:
    place_id = ui.url_choice(
        "place",
        "Place",
        place_options,
        all_label="All places",
        help="A place includes every place within it: Liverpool includes Croxteth.",
    )
with right:
    programme_id = ui.url_choice("programme", "Programme", programme_options, all_label="All programmes")
within = {"place": place_id, "programme": programme_id}
place = ui.records("place_detail", place=place_id)[0] if place_id else None
hierarchy = ui.records("place_hierarchy", place=place_id) if place_id else []
programme = ui.records("programme_detail", programme=programme_id)[0] if programme_id else None
within_name = view.within_name(place, hierarchy, programme["short_name"] if programme else None)
ui.page_title(f"{barrier['name']} in {within_name}" if within_name else barrier["name"])

st.header(f"Barrier {barrier['number']}: {ui.escape_md(barrier['name'])}")
st.markdown(ui.escape_md(barrier["summary"]))
st.caption(ui.escape_md(view.summary_source(barrier)))
evidence = ui.records("barrier_evidence", barrier=barrier_id, **within)
links = ui.records("barrier_pilot_counts", barrier=barrier_id, **within)[0]
total = int(
    ui.records("explorer_count", **result_tables.results_filters(barrier=barrier_id, **within))[0]["outputs"]
)
if within_name:
    st.markdown(
        "**" + ui.escape_md(view.within_text(within_name, len(evidence), links["links"], total)) + "**"
    )

st.subheader("Where it came up")
reach = next(r for r in ui.records("barrier_reach") if r["barrier_id"] == barrier_id)
st.markdown(view.reach_text(reach))
source_count = view.reach_source_text(reach)
if source_count:
    st.markdown(ui.escape_md(source_count))
st.caption(view.REACH_NOTE)

st.subheader("Evidence")
if any(view.is_share(r) for r in evidence):
    ui.chart_block(view.shares_chart(evidence, barrier["name"]), key="shares")
# Each list is one element, not two per finding: at 10M outputs a barrier has
# ~400 findings, and 800 elements cost ~75 ms a rerun (bench/README.md). Each
# list shows 10 at a time with a count, so the page stays readable at scale.
figures = view.figure_lines(evidence)
if figures:
    shown = ui_pages.page_of(figures, "figures_page", "Page of figures", "figures", view.FINDINGS_PAGE_SIZE)
    st.markdown(
        "\n".join(
            f"- **{ui.escape_md(figure)}**: {ui.escape_md(finding)}  \n  *{where}*"
            for figure, finding, where in shown
        )
    )
qualitative = view.qualitative_lines(evidence)
if qualitative:
    st.markdown(f"**Other findings** ({len(qualitative):,})")
    shown = ui_pages.page_of(
        qualitative, "findings_page", "Page of findings", "findings", view.FINDINGS_PAGE_SIZE
    )
    st.markdown("\n".join(f"- {ui.escape_md(finding)}  \n  *{where}*" for finding, where in shown))
if not evidence and within_name:
    st.info(ui.escape_md(f"The sources hold no finding about this barrier in {within_name}."))
elif not evidence:
    st.info("The sources hold no finding about this barrier yet.")

recommendations = ui.records("barrier_recommendations", barrier=barrier_id)
st.subheader(view.recommendations_heading(recommendations))
for rec in recommendations:
    st.markdown(view.recommendation_line(rec))
st.caption("Recommendations in our words. Source: PfPP guidance, 3. What next: practical tips")

st.subheader("Pilots that tackled it or were held back by it")
if links["links"]:
    st.markdown(ui.escape_md(view.links_caption(links)))
    page = 1
    if links["links"] > view.FINDINGS_PAGE_SIZE:
        pages = result_tables.page_count(links["links"], view.FINDINGS_PAGE_SIZE)
        page = ui.url_number("pilots_page", "Page of pilots", 1, pages, default=1)
        st.caption(result_tables.page_text(page, links["links"], "pilots", view.FINDINGS_PAGE_SIZE))
    pilots = ui.records(
        "barrier_pilots_page",
        barrier=barrier_id,
        **within,
        limit=view.FINDINGS_PAGE_SIZE,
        offset=(page - 1) * view.FINDINGS_PAGE_SIZE,
    )
    entity_links.table(entity_links.linked(view.pilots_frame(pilots), pilots))
elif within_name:
    st.info(ui.escape_md(f"No pilot in {within_name} is linked to this barrier."))
else:
    st.info("No pilot in the sources is linked to this barrier.")

st.subheader("Their results")
# Page 1 of the results (the goal chart always reads it); the total from the summaries.
if within_name:
    # Narrowed: the results of those pilots alone.
    query, params = "barrier_results_within", {"barrier": barrier_id, **within}
else:
    query, params = "barrier_results", {"barrier": barrier_id}
results = ui.records(query, **params, limit=result_tables.RESULTS_PAGE_SIZE)
st.caption(view.RESULTS_NOTE)
# Narrowed, the chart counts the same pilots as the list under it: the barrier's, in that place and programme.
result_tables.show_goal_chart(
    result_tables.goal_scope("barrier", barrier_id, **within),
    f"pilots linked to {barrier['name']}" + (f" in {within_name}" if within_name else ""),
    key="goals",
)
if total:
    result_pages.results_list(query, total, params, results, extra={"barrier_role": "The pilot"})
elif within_name:
    st.info(
        ui.escape_md(f"The pilots in {within_name} linked to this barrier have no results in the sources.")
    )
else:
    st.info("The pilots linked to this barrier have no results in the sources.")
