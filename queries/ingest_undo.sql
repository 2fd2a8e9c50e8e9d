-- Remove one batch from every table that carries batch_id, children before
-- parents, then mark it undone. Its sources go last, in
-- ingest_undo_sources.sql (undo.py says why). Run statement by statement
-- (split on the semicolons) because DuckDB binds parameters to one statement at a time.
delete from workshop_answers where batch_id = $batch_id;
delete from outputs where batch_id = $batch_id;
delete from barrier_evidence where batch_id = $batch_id;
delete from pilot_departments where batch_id = $batch_id;
delete from pilot_barriers where batch_id = $batch_id;
delete from pilots where batch_id = $batch_id;
delete from programmes where batch_id = $batch_id;
delete from places where batch_id = $batch_id;
delete from source_sections where batch_id = $batch_id;
update ingest_batches set outcome = 'undone', undone_at = $undone_at where batch_id = $batch_id;
