-- How many pilots a barrier is linked to, by role and basis (the caption
-- above the paged list of barrier_pilots_page). Same links as barrier_pilots.
-- $barrier: a barrier_id; $place and $programme (or NULL) as in barrier_pilots_page.
with
links as (
    select pilot_barriers.*
    from pilot_barriers
    inner join pilots on pilot_barriers.pilot_id = pilots.pilot_id
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    inner join sources on pilot_barriers.source_id = sources.source_id
    inner join pilot_summary on pilot_barriers.pilot_id = pilot_summary.pilot_id
    where pilot_barriers.barrier_id = $barrier
        and ($place is null or list_contains(pilot_summary.place_ancestor_ids, $place))
        and ($programme is null or pilots.programme_id = $programme)
),

-- Pilots that both tackled the barrier and were held back by it, named when
-- few enough to name in a sentence ("Bodmin skills and employment pilot did both").
both_roles as (
    select links.pilot_id
    from links
    group by links.pilot_id
    having count(distinct links.role) = 2
),

both_names as (
    select list(pilots.name order by pilots.name)[1:3] as names
    from both_roles
    inner join pilots on both_roles.pilot_id = pilots.pilot_id
),

final as (
    select
        (select both_names.names from both_names) as both_names,
        count(*) as links,
        count(distinct links.pilot_id) as pilots,
        count(*) filter (where links.role = 'addressed') as addressed,
        count(*) filter (where links.role = 'faced') as faced,
        count(*) filter (where links.basis = 'our reading') as our_reading
    from links
)

select * from final;
