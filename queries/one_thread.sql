-- A writer's setting for a small batch (fivebarriers.data.load_access.fit_threads).
set threads = 1;
