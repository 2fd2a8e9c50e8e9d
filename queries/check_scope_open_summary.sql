-- Batch-scoped check: output_summary of the pilots in scope (see check_scope_open.sql).
create temp table scope_output_summary as
select * from output_summary
where output_summary.pilot_id in (select unnest($pilots::varchar[]));
