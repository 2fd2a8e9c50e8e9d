-- Places to draw on the map: those where a pilot ran, a programme worked or a
-- barrier was reported, with what happened there. A pilot or finding in a
-- place within a place a programme names counts at that programme place
-- (place_rollup.sql, shared with barrier_reach.sql: Liverpool, pilot in
-- Croxteth), so Liverpool, East Sussex and Cornwall are not drawn as "no
-- pilot described" beside their own neighbourhoods' dots. Each place still counts its own children
-- once, not a region its towns.
with
@include(place_rollup),

pilot_places as (
    select
        place_rollup.counted_place_id as place_id,
        pilots.place_id as pilot_place_id
    from pilots
    inner join place_rollup on pilots.place_id = place_rollup.place_id
    where pilots.scope <> 'programme-wide'
),

pilot_counts as (
    select
        pilot_places.place_id,
        count(*) as pilots,
        -- Where the pilots within it ran: "Croxteth".
        string_agg(distinct within.name, ', ' order by within.name) filter (
            where pilot_places.pilot_place_id <> pilot_places.place_id
        ) as pilots_in
    from pilot_places
    inner join places as within on pilot_places.pilot_place_id = within.place_id
    group by pilot_places.place_id
),

programme_counts as (
    select
        programme_places.place_id,
        count(*) as programmes,
        string_agg(programmes.short_name, ', ' order by programmes.short_name) as programme_names
    from programme_places
    inner join programmes on programme_places.programme_id = programmes.programme_id
    group by programme_places.place_id
),

evidence_counts as (
    select place_rollup.counted_place_id as place_id, count(*) as findings
    from barrier_evidence
    inner join place_rollup on barrier_evidence.place_id = place_rollup.place_id
    group by all
),

final as (
    select
        places.place_id,
        places.name,
        places.kind,
        places.parent_id,
        parent.name as parent_name,
        places.lat,
        places.lon,
        coalesce(pilot_counts.pilots, 0) as pilots,
        pilot_counts.pilots_in,
        coalesce(programme_counts.programmes, 0) as programmes,
        programme_counts.programme_names,
        coalesce(evidence_counts.findings, 0) as findings
    from places
    left join places as parent on places.parent_id = parent.place_id
    left join pilot_counts on places.place_id = pilot_counts.place_id
    left join programme_counts on places.place_id = programme_counts.place_id
    left join evidence_counts on places.place_id = evidence_counts.place_id
    where
        places.lat is not null
        and places.kind not in ('country', 'nation')
        and (pilot_counts.pilots > 0 or programme_counts.programmes > 0 or evidence_counts.findings > 0)
)

select * from final
order by final.lat desc, final.place_id;
