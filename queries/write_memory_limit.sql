-- A writer's memory for a large batch (fivebarriers.data.load_access.fit_memory):
-- past it DuckDB spills to the copy's spill folder (store/filewrite.py) instead
-- of growing the process (a 1,000,000-row load at 10M: 2.4 GB uncapped).
set memory_limit = '500MB';
