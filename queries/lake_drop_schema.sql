-- A lake rebuild drops every view and table of schema.sql/views.sql inside
-- the write, then creates them again (DROP takes no parameters, hence the list).
drop view if exists fact_provenance;
drop view if exists result_rows;
drop view if exists results;
drop view if exists pilot_facts;
drop view if exists department_lineages;
drop view if exists place_lineage;
drop table if exists place_lineage_summary;
drop table if exists pilot_summary;
drop table if exists output_summary;
drop table if exists build_info;
drop table if exists ingest_batches;
drop table if exists context_figures;
drop table if exists funding_flows;
drop table if exists barrier_evidence;
drop table if exists outputs;
drop table if exists pilot_departments;
drop table if exists pilot_barriers;
drop table if exists pilots;
drop table if exists programme_places;
drop table if exists programmes;
drop table if exists places;
drop table if exists departments;
drop table if exists recommendations;
drop table if exists barriers;
drop table if exists source_sections;
drop table if exists sources;
