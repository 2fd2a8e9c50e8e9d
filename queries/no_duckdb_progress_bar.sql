-- A writer whose load draws its own progress bar (fivebarriers.progress):
-- DuckDB's own bar would write over it on the same terminal.
set enable_progress_bar = false;
