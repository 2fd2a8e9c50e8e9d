-- Batch-scoped check: temp views come first in DuckDB's search path, so while
-- they exist every rule (and every view, such as pilot_facts) reads only the
-- pilots in scope (dropped again by check_scope_close.sql).
create temp view pilots as select * from temp.scope_pilots;
create temp view pilot_barriers as select * from temp.scope_pilot_barriers;
create temp view pilot_departments as select * from temp.scope_pilot_departments;
create temp view outputs as select * from temp.scope_outputs;
create temp view output_summary as select * from temp.scope_output_summary;
create temp view goal_summary as select * from temp.scope_goal_summary;
create temp view pilot_summary as select * from temp.scope_pilot_summary;
create temp view barrier_evidence as select * from temp.scope_barrier_evidence;
-- The recursive lineage of every place (0.1-0.6 s at 10M) is read from its
-- summary, which the same write rebuilt if it loaded or removed places.
create temp view place_lineage as
select place_lineage_summary.place_id, place_lineage_summary.ancestor_ids from place_lineage_summary;
