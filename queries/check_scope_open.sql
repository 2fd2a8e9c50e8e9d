-- Batch-scoped check (fivebarriers/data/check.py): the outputs and
-- output_summary rows of the pilots a load or undo touched, as temp tables
-- that the temp views of check_scope_shadow.sql put in front of the real ones.
create temp table scope_outputs as
select * from outputs
where outputs.pilot_id in (select unnest($pilots::varchar[]));
