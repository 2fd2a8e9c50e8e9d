-- pilot_summary must equal the pilot_facts view it stores (a write that
-- changed pilots, places or their links without summaries.refresh leaves it stale).
with
missing as (
    select * from pilot_facts
    except all
    select * from pilot_summary
),

extra as (
    select * from pilot_summary
    except all
    select * from pilot_facts
)

select
    'pilot_summary' as table_name,
    missing.pilot_id as row_key,
    'summary out of date' as rule,
    'pilot_summary lacks this pilot or holds an old version of it: run `fivebarriers build` again '
    || 'or load through `fivebarriers ingest`' as problem
from missing
union all
select
    'pilot_summary',
    extra.pilot_id,
    'summary out of date',
    'pilot_summary holds a pilot or a version of it that the data no longer has'
from extra
order by row_key;
