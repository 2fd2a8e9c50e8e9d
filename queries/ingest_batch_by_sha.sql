-- A live (not undone) load of the same file content, if any: loads are idempotent by sha256.
select
    batch_id,
    table_name,
    file_name,
    loaded_by,
    loaded_at,
    row_count
from ingest_batches
where sha256 = $sha256 and outcome = 'loaded'
order by loaded_at
limit 1;
