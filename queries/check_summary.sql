-- output_summary must equal a fresh count of outputs (output_summary_rows in
-- views.sql; it is derived: a write that changed outputs without
-- summaries.refresh leaves it stale).
with
fresh as (
    select rows.* exclude (first_output_id, last_output_id)
    from output_summary_rows((select list(pilots.pilot_id) from pilots)) as rows
),

stored as (
    select
        pilot_id, kind, status, with_target, source_id,
        sum(outputs) as outputs, sum(comparable) as comparable, sum(beat) as beat
    from output_summary
    group by all
),

compared as (
    select
        coalesce(fresh.pilot_id, stored.pilot_id) as pilot_id,
        coalesce(fresh.kind, stored.kind) as kind,
        coalesce(fresh.status, stored.status) as status,
        coalesce(fresh.with_target, stored.with_target) as with_target,
        coalesce(fresh.source_id, stored.source_id) as source_id,
        coalesce(fresh.outputs, 0) as counted,
        coalesce(stored.outputs, 0) as summarised,
        coalesce(fresh.comparable, 0) as comparable_counted,
        coalesce(stored.comparable, 0) as comparable_summarised,
        coalesce(fresh.beat, 0) as beat_counted,
        coalesce(stored.beat, 0) as beat_summarised
    from fresh
    full outer join stored
        on fresh.pilot_id is not distinct from stored.pilot_id
        and fresh.kind is not distinct from stored.kind
        and fresh.status is not distinct from stored.status
        and fresh.with_target = stored.with_target
        and fresh.source_id is not distinct from stored.source_id
)

select
    'output_summary' as table_name,
    coalesce(pilot_id, '') || '/' || coalesce(kind, '') || '/' || coalesce(status, '')
    || '/' || (case when with_target then 'with goal' else 'no goal' end)
    || '/' || coalesce(source_id, '') as row_key,
    'summary out of date' as rule,
    'output_summary says ' || summarised::varchar || ' output(s), ' || comparable_summarised::varchar
    || ' comparable with their goal and ' || beat_summarised::varchar || ' beating it, but outputs has '
    || counted::varchar || ', ' || comparable_counted::varchar || ' and ' || beat_counted::varchar
    || ': run `fivebarriers build` again or load through `fivebarriers ingest`' as problem
from compared
where counted <> summarised or comparable_counted <> comparable_summarised or beat_counted <> beat_summarised
order by row_key;
