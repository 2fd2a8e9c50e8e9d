-- place_lineage_summary must equal the place_lineage view it stores (a
-- write that changed places without summaries.refresh leaves it stale).
with
missing as (
    select place_lineage.place_id, place_lineage.ancestor_ids from place_lineage
    except all
    select place_lineage_summary.place_id, place_lineage_summary.ancestor_ids from place_lineage_summary
),

extra as (
    select place_lineage_summary.place_id, place_lineage_summary.ancestor_ids from place_lineage_summary
    except all
    select place_lineage.place_id, place_lineage.ancestor_ids from place_lineage
)

select
    'place_lineage_summary' as table_name,
    missing.place_id as row_key,
    'summary out of date' as rule,
    'place_lineage_summary lacks this place or an old version of its ancestors: run `fivebarriers build` '
    || 'again or load through `fivebarriers ingest`' as problem
from missing
union all
select
    'place_lineage_summary',
    extra.place_id,
    'summary out of date',
    'place_lineage_summary holds a place or ancestors that the data no longer has'
from extra
order by row_key;
