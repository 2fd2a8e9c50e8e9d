-- Batch-scoped check: temp views come first in DuckDB's search path, so while
-- they exist every rule that reads `outputs` or `output_summary` reads only
-- the pilots in scope (dropped again by check_scope_close.sql).
create temp view outputs as select * from temp.scope_outputs;
create temp view output_summary as select * from temp.scope_output_summary;
