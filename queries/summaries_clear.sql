-- Empty the derived summaries before they are rebuilt (fivebarriers/store/summaries.py).
delete from output_summary;
delete from pilot_summary;
delete from place_lineage_summary;
delete from goal_summary;
