-- When the lake last changed, in UTC (TIMESTAMPTZ would need pytz in Python).
select timezone('UTC', max(snapshots.snapshot_time)) as at
from lake.snapshots() as snapshots
