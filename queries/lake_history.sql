-- The lake's snapshots, newest first: every write through backend.write_transaction is one.
select
    snapshots.snapshot_id,
    timezone('UTC', snapshots.snapshot_time) as at,
    nullif(snapshots.author, '') as author,
    nullif(snapshots.commit_message, '') as message,
    snapshots.changes::varchar as changes
from lake.snapshots() as snapshots
order by snapshots.snapshot_id desc
limit $limit
