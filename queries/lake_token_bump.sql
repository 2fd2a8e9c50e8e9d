-- An UPDATE is a delete plus an insert in DuckLake, so any two transactions
-- that both run this conflict, and the later one is re-run.
update coordination.write_token set n = n + 1
