-- Batch-scoped check (fivebarriers/data/check.py): the rows of the pilots a
-- load or undo touched, from every table with a pilot_id, as temp tables that
-- the temp views of check_scope_shadow.sql put in front of the real ones
-- (pilots and their links: scope_pilot_links.sql, run first).
-- One statement per table (check.py runs them one by one, each with $pilots);
-- tests/test_check_scope.py fails if a table with a pilot_id is missing here.
create temp table scope_outputs as
select * from outputs where outputs.pilot_id in (select unnest($pilots::varchar[]));
create temp table scope_output_summary as
select * from output_summary where output_summary.pilot_id in (select unnest($pilots::varchar[]));
create temp table scope_goal_summary as
select * from goal_summary where goal_summary.pilot_id in (select unnest($pilots::varchar[]));
create temp table scope_pilot_summary as
select * from pilot_summary where pilot_summary.pilot_id in (select unnest($pilots::varchar[]));
-- Evidence about a place rather than a pilot stays in view: a load of it has no pilot.
create temp table scope_barrier_evidence as
select * from barrier_evidence
where barrier_evidence.pilot_id is null or barrier_evidence.pilot_id in (select unnest($pilots::varchar[]))
