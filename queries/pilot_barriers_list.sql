-- The barriers a pilot worked on (addressed) or met (faced), and how we know. $pilot: a pilot_id.
select
    barriers.barrier_id,
    barriers.name as barrier_name,
    pilot_barriers.role,
    pilot_barriers.basis,
    pilot_barriers.source_id,
    sources.title as source_title,
    pilot_barriers.locator
from pilot_barriers
inner join barriers on pilot_barriers.barrier_id = barriers.barrier_id
inner join sources on pilot_barriers.source_id = sources.source_id
where pilot_barriers.pilot_id = $pilot
order by barriers.display_order, pilot_barriers.role;
