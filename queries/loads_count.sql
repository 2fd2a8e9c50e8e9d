-- How many loads an upgrade carries across, and their rows.
select count(*) as loads, coalesce(sum(ingest_batches.row_count), 0) as row_count
from ingest_batches
where ingest_batches.outcome = 'loaded';
