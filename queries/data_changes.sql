-- The public history of the data, newest first: the curated dataset as
-- built from data/*.csv, then every analyst load and every undo. Only what
-- the load recorded: no file names or checksums (a file name can name a
-- person); `changed_by` is the name the analyst gave as "by".
with
curated as (
    select
        try_cast(build_info.value as date)::timestamp as changed_at,
        'curated' as event,
        null::varchar as batch_id,
        null::varchar as table_name,
        null::bigint as row_count,
        null::varchar as changed_by,
    from build_info
    where build_info.key = 'data_changed'
),

loads as (
    select
        ingest_batches.loaded_at as changed_at,
        'loaded' as event,
        ingest_batches.batch_id,
        ingest_batches.table_name,
        ingest_batches.row_count,
        ingest_batches.loaded_by as changed_by,
    from ingest_batches
),

undos as (
    select
        ingest_batches.undone_at as changed_at,
        'undone' as event,
        ingest_batches.batch_id,
        ingest_batches.table_name,
        ingest_batches.row_count,
        null::varchar as changed_by,
    from ingest_batches
    where ingest_batches.undone_at is not null
),

final as (
    select * from curated
    union all
    select * from loads
    union all
    select * from undos
)

select * from final
order by changed_at desc nulls last, event desc, batch_id desc;
