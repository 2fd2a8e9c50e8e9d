-- Batch-scoped check: the real tables again.
drop view if exists temp.pilots;
drop view if exists temp.pilot_barriers;
drop view if exists temp.pilot_departments;
drop view if exists temp.outputs;
drop view if exists temp.output_summary;
drop view if exists temp.goal_summary;
drop view if exists temp.pilot_summary;
drop view if exists temp.barrier_evidence;
drop view if exists temp.place_lineage;
drop table if exists temp.scope_pilots;
drop table if exists temp.scope_pilot_barriers;
drop table if exists temp.scope_pilot_departments;
drop table if exists temp.scope_outputs;
drop table if exists temp.scope_output_summary;
drop table if exists temp.scope_goal_summary;
drop table if exists temp.scope_pilot_summary;
drop table if exists temp.scope_barrier_evidence;
