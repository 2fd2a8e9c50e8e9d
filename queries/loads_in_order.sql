-- Every load still in the database (not undone), oldest first: what `build`
-- would drop, re-applies with --keep-loads, or writes out with --discard-loads.
select
    ingest_batches.batch_id,
    ingest_batches.table_name,
    ingest_batches.row_count
from ingest_batches
where ingest_batches.outcome = 'loaded'
order by ingest_batches.loaded_at, ingest_batches.batch_id;
