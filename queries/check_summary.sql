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
        pilot_id, kind, status, with_target, source_id, evidence_strength,
        sum(outputs) as outputs, sum(comparable) as comparable, sum(beat) as beat,
        sum(source_beat) as source_beat, sum(fell_short) as fell_short
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
        coalesce(fresh.evidence_strength, stored.evidence_strength) as evidence_strength,
        coalesce(fresh.outputs, 0) as counted,
        coalesce(stored.outputs, 0) as summarised,
        coalesce(fresh.comparable, 0) as comparable_counted,
        coalesce(stored.comparable, 0) as comparable_summarised,
        coalesce(fresh.beat, 0) as beat_counted,
        coalesce(stored.beat, 0) as beat_summarised,
        coalesce(fresh.source_beat, 0) as source_beat_counted,
        coalesce(stored.source_beat, 0) as source_beat_summarised,
        coalesce(fresh.fell_short, 0) as short_counted,
        coalesce(stored.fell_short, 0) as short_summarised
    from fresh
    full outer join stored
        on fresh.pilot_id is not distinct from stored.pilot_id
        and fresh.kind is not distinct from stored.kind
        and fresh.status is not distinct from stored.status
        and fresh.with_target = stored.with_target
        and fresh.source_id is not distinct from stored.source_id
        and fresh.evidence_strength is not distinct from stored.evidence_strength
)

select
    'output_summary' as table_name,
    coalesce(pilot_id, '') || '/' || coalesce(kind, '') || '/' || coalesce(status, '')
    || '/' || (case when with_target then 'with goal' else 'no goal' end)
    || '/' || coalesce(source_id, '') || '/' || coalesce(evidence_strength, '') as row_key,
    'summary out of date' as rule,
    'output_summary says ' || summarised::varchar || ' output(s), ' || comparable_summarised::varchar
    || ' comparable with their goal, ' || beat_summarised::varchar || ' beating it ('
    || source_beat_summarised::varchar || ' by the source''s account) and ' || short_summarised::varchar
    || ' short of it, but outputs has ' || counted::varchar || ', ' || comparable_counted::varchar || ', '
    || beat_counted::varchar || ' (' || source_beat_counted::varchar || ') and ' || short_counted::varchar
    || ': run `fivebarriers build` again or load through `fivebarriers ingest`' as problem
from compared
where counted <> summarised or comparable_counted <> comparable_summarised or beat_counted <> beat_summarised
    or source_beat_counted <> source_beat_summarised or short_counted <> short_summarised
order by row_key;
