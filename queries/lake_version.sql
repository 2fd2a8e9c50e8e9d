-- The lake's latest snapshot id: the data version readers key their caches on.
select id from lake.current_snapshot()
