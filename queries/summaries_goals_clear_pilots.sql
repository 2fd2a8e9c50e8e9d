-- Empty goal_summary for the pilots a load or undo touched (summaries.refresh_pilots).
delete from goal_summary
where goal_summary.pilot_id in (select unnest($pilots::varchar[]));
