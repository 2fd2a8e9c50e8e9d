-- The pilots one batch's rows belong to (its own pilots, or the pilots its
-- outputs and links name): what a load or undo of it can change in the summaries.
select distinct batch_rows.pilot_id
from query_table($table_name) as batch_rows
where batch_rows.batch_id = $batch_id and batch_rows.pilot_id is not null
order by batch_rows.pilot_id;
