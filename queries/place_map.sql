-- Places to draw on the map: those where a pilot ran, a programme worked or a
-- barrier was reported, with what happened there (counted per place itself,
-- not its children, so a region does not repeat its towns).
with
pilot_counts as (
    select pilots.place_id, count(*) as pilots
    from pilots
    where pilots.scope <> 'programme-wide'
    group by pilots.place_id
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
    select barrier_evidence.place_id, count(*) as findings
    from barrier_evidence
    where barrier_evidence.place_id is not null
    group by barrier_evidence.place_id
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
