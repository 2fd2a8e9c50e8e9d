-- What the curated dataset holds: rows that came from data/*.csv, not from
-- an analyst load (loaded rows carry their batch_id).
with
counts as (
    select 'programmes' as table_name, count(*) filter (where programmes.batch_id is null) as row_count
    from programmes
    union all
    select 'pilots', count(*) filter (where pilots.batch_id is null) from pilots
    union all
    select 'outputs', count(*) filter (where outputs.batch_id is null) from outputs
    union all
    select 'barrier_evidence', count(*) filter (where barrier_evidence.batch_id is null) from barrier_evidence
    union all
    select 'sources', count(*) from sources where sources.kind <> 'reference'
),

final as (select counts.table_name, counts.row_count from counts)

select * from final;
