-- Empty output_summary for the pilots a load or undo touched, before their
-- rows are summarised again (fivebarriers/store/summaries.py, refresh_pilots).
delete from output_summary
where output_summary.pilot_id in (select unnest($pilots::varchar[]));
