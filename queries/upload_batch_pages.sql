-- The pilots, places and programmes one batch changed, for the Add data
-- page's links after a load: a batch of results changes its pilots, and
-- each pilot's place (and the county or authority around it: a place's page
-- includes everything within it) and programme pages show those results too.
with batch_pilot_ids as (
    select outputs.pilot_id from outputs where outputs.batch_id = $batch_id
    union
    select pilots.pilot_id from pilots where pilots.batch_id = $batch_id
    union
    select pilot_barriers.pilot_id from pilot_barriers where pilot_barriers.batch_id = $batch_id
    union
    select pilot_departments.pilot_id from pilot_departments where pilot_departments.batch_id = $batch_id
    union
    select barrier_evidence.pilot_id from barrier_evidence
    where barrier_evidence.batch_id = $batch_id and barrier_evidence.pilot_id is not null
),

batch_place_ids as (
    select places.place_id from places where places.batch_id = $batch_id
    union
    select barrier_evidence.place_id from barrier_evidence
    where barrier_evidence.batch_id = $batch_id and barrier_evidence.place_id is not null
    union
    select pilots.place_id
    from pilots
    inner join batch_pilot_ids on pilots.pilot_id = batch_pilot_ids.pilot_id
),

batch_and_enclosing_place_ids as (
    select distinct unnest(place_lineage_summary.ancestor_ids) as place_id
    from place_lineage_summary
    inner join batch_place_ids on place_lineage_summary.place_id = batch_place_ids.place_id
),

batch_programme_ids as (
    select programmes.programme_id from programmes where programmes.batch_id = $batch_id
    union
    select barrier_evidence.programme_id from barrier_evidence
    where barrier_evidence.batch_id = $batch_id and barrier_evidence.programme_id is not null
    union
    select pilots.programme_id
    from pilots
    inner join batch_pilot_ids on pilots.pilot_id = batch_pilot_ids.pilot_id
),

final as (
    select 'pilot' as kind, 1 as kind_order, pilots.pilot_id as entity_id, pilots.name,
    from pilots
    inner join batch_pilot_ids on pilots.pilot_id = batch_pilot_ids.pilot_id
    union all
    select 'place' as kind, 2 as kind_order, places.place_id as entity_id, places.name,
    from places
    inner join batch_and_enclosing_place_ids on places.place_id = batch_and_enclosing_place_ids.place_id
    -- a page for a whole country or region is not where a reader looks for one pilot's results
    where places.kind not in ('country', 'nation', 'region')
    union all
    select 'programme' as kind, 3 as kind_order, programmes.programme_id as entity_id, programmes.name,
    from programmes
    inner join batch_programme_ids on programmes.programme_id = batch_programme_ids.programme_id
)

select final.kind, final.entity_id, final.name
from final
order by final.kind_order, final.name, final.entity_id;
