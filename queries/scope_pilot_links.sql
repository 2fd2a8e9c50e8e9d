-- The rows of pilots and of their links for the pilots a load or undo touched
-- ($pilots), as temp tables: the first part of the batch-scoped check's scope
-- (check_scope_open.sql) and all of the summaries' (summaries_scope_open.sql).
-- One statement per table: each is run on its own, with $pilots.
create temp table scope_pilots as
select * from pilots where pilots.pilot_id in (select unnest($pilots::varchar[]));
create temp table scope_pilot_barriers as
select * from pilot_barriers where pilot_barriers.pilot_id in (select unnest($pilots::varchar[]));
create temp table scope_pilot_departments as
select * from pilot_departments where pilot_departments.pilot_id in (select unnest($pilots::varchar[]))
