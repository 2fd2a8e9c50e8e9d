-- When the data last changed: the date the curated data/*.csv last changed
-- (recorded by `build` in build_info) and the latest analyst load or undo.
-- Every page's footer and the What changed page read this one query.
with
curated as (
    select max(try_cast(build_info.value as date)) as curated_changed
    from build_info
    where build_info.key = 'data_changed'
),

loads as (
    select max(greatest(ingest_batches.loaded_at, coalesce(ingest_batches.undone_at, ingest_batches.loaded_at)))
        as last_load
    from ingest_batches
),

final as (
    select
        curated.curated_changed,
        loads.last_load,
    from curated, loads
)

select * from final;
