-- The real tables and views again (see summaries_scope_open.sql).
drop view if exists temp.pilots;
drop view if exists temp.pilot_barriers;
drop view if exists temp.pilot_departments;
drop view if exists temp.place_lineage;
drop table if exists temp.scope_pilots;
drop table if exists temp.scope_pilot_barriers;
drop table if exists temp.scope_pilot_departments
