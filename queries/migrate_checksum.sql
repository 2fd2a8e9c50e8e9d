-- Row count and an order-independent checksum of one table ($name may be
-- qualified, e.g. src.main.outputs): the sum of every row's hash, so two
-- tables agree only if they hold the same rows the same number of times.
select
    count(*) as row_count,
    coalesce(sum(hash(t)::hugeint), 0) as checksum
from query_table($name) as t
