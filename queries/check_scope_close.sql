-- Batch-scoped check: the real tables again.
drop view if exists temp.outputs;
drop view if exists temp.output_summary;
drop table if exists temp.scope_outputs;
drop table if exists temp.scope_output_summary;
