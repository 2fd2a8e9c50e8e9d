-- One load by its id.
select
    batch_id,
    table_name,
    file_name,
    sha256,
    loaded_by,
    loaded_at,
    row_count,
    outcome,
    undone_at,
    note
from ingest_batches
where batch_id = $batch_id;
