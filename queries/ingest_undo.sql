-- Remove one batch from every table that carries batch_id, children before
-- parents, then mark it undone. Run statement by statement (split on the
-- semicolons) because DuckDB binds parameters to one statement at a time.
delete from outputs where batch_id = $batch_id;
delete from barrier_evidence where batch_id = $batch_id;
delete from pilot_departments where batch_id = $batch_id;
delete from pilot_barriers where batch_id = $batch_id;
delete from pilots where batch_id = $batch_id;
delete from programmes where batch_id = $batch_id;
delete from places where batch_id = $batch_id;
update ingest_batches set outcome = 'undone', undone_at = $undone_at where batch_id = $batch_id;
