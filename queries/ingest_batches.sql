-- Every analyst load, newest first (the history behind `fivebarriers batches` and the upload page).
select
    batch_id,
    loaded_at,
    loaded_by,
    table_name,
    row_count,
    file_name,
    outcome,
    undone_at,
    sha256,
    note
from ingest_batches
order by loaded_at desc, batch_id desc;
