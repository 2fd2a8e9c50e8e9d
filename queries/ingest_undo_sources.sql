-- The sources of one batch being undone, after every row that cites them
-- (ingest_undo.sql): on a file, in a transaction of their own (undo.py).
delete from sources where batch_id = $batch_id;
