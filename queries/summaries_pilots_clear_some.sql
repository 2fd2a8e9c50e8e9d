-- Empty pilot_summary for the pilots a load or undo touched (summaries.refresh_pilots).
delete from pilot_summary
where pilot_summary.pilot_id in (select unnest($pilots::varchar[]));
