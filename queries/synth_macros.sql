-- Deterministic pseudo-randomness for `fivebarriers synth`. The same
-- (seed, key, salt) always gives the same number, whatever the thread count
-- or the order rows are produced in, so a seed names one database exactly.
-- Temporary macros: they live in the generating connection only and are not
-- written to the database file.
create or replace temp macro synth_u(seed, k, salt) as
    (hash(seed, k, salt) % 1000000007)::double / 1000000007;

create or replace temp macro synth_pick(seed, k, salt, n) as
    (hash(seed, k, salt) % n)::bigint;
