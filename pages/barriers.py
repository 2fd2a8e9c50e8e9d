"""Barriers: one view per barrier — evidence, recommendations, pilots, results."""

import streamlit as st

from fivebarriers.views import barriers as view
from fivebarriers.views import links as entity_links
from fivebarriers.views import paging as ui_pages
from fivebarriers.views import result_pages, result_tables, ui
from fivebarriers.views.page_run import through_app

through_app()

st.title("The five barriers: evidence, advice and the pilots that met them")
ui.synthetic_banner()

barriers = ui.records("barrier_summary")
barrier_id = ui.url_choice(
    "barrier", "Barrier", view.options(barriers), default=view.DEFAULT_BARRIER, always=True
)
barrier = next(b for b in barriers if b["barrier_id"] == barrier_id)
ui.page_title(barrier["name"])

st.header(f"Barrier {barrier['number']}: {ui.escape_md(barrier['name'])}")
st.markdown(ui.escape_md(barrier["summary"]))
st.caption("Summary in our words. Source: PfPP guidance, " + ui.escape_md(barrier["locator"]))

st.subheader("Where it came up")
reach = next(r for r in ui.records("barrier_reach") if r["barrier_id"] == barrier_id)
st.markdown(view.reach_text(reach))
source_count = view.reach_source_text(reach)
if source_count:
    st.markdown(ui.escape_md(source_count))
st.caption(view.REACH_NOTE)

st.subheader("Evidence")
evidence = ui.records("barrier_evidence", barrier=barrier_id)
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
if not evidence:
    st.info("The sources hold no finding about this barrier yet.")

st.subheader("What the guidance recommends")
for rec in ui.records("barrier_recommendations", barrier=barrier_id):
    st.markdown(f"{rec['number']}\\. {ui.escape_md(rec['text'])}")
st.caption("Recommendations in our words. Source: PfPP guidance, 3. What next: practical tips")

st.subheader("Pilots that tackled it or were held back by it")
links = ui.records("barrier_pilot_counts", barrier=barrier_id)[0]
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
        limit=view.FINDINGS_PAGE_SIZE,
        offset=(page - 1) * view.FINDINGS_PAGE_SIZE,
    )
    entity_links.table(entity_links.linked(view.pilots_frame(pilots), pilots))
else:
    st.info("No pilot in the sources is linked to this barrier.")

st.subheader("Their results")
# Page 1 of the results (the goal chart always reads it); the total from the summaries.
total = int(ui.records("explorer_count", **result_tables.results_filters(barrier=barrier_id))[0]["outputs"])
results = ui.records("barrier_results", barrier=barrier_id, limit=result_tables.RESULTS_PAGE_SIZE)
st.caption(view.RESULTS_NOTE)
result_tables.show_goal_chart(
    result_tables.goal_scope("barrier", barrier_id), f"pilots linked to {barrier['name']}", key="goals"
)
if total:
    result_pages.results_list(
        "barrier_results", total, {"barrier": barrier_id}, results, extra={"barrier_role": "Barrier was"}
    )
else:
    st.info("The pilots linked to this barrier have no results in the sources.")
