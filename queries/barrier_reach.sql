-- Where each barrier came up: the distinct places with a finding about it, or
-- with a pilot held back by it, ranked by how many.
-- A finding is one statement in a source about a barrier (a row of
-- barrier_evidence), with or without a figure; it counts for the place it is
-- about, or for its pilot's place when it names a pilot but no place.
-- Places are counted at the level a programme worked in (place_rollup.sql:
-- Croxteth counts as Liverpool). Findings about a whole country (England)
-- are not a place and are not counted here.
-- Pilots that tackled a barrier are counted beside it (tackled_places), not
-- in the rank: a pilot designed around a barrier shows where help was tried,
-- not where the barrier was found.
with
@include(place_rollup),

finding_places as (
    select
        barrier_evidence.barrier_id,
        coalesce(barrier_evidence.place_id, pilots.place_id) as place_id,
        'finding' as how
    from barrier_evidence
    left join pilots on barrier_evidence.pilot_id = pilots.pilot_id
    where coalesce(barrier_evidence.place_id, pilots.place_id) is not null
),

pilot_places as (
    select
        pilot_barriers.barrier_id,
        pilots.place_id,
        case when pilot_barriers.role = 'faced' then 'held back' else 'tackled' end as how
    from pilot_barriers
    inner join pilots on pilot_barriers.pilot_id = pilots.pilot_id
),

mentions as (
    select
        mentioned.barrier_id,
        mentioned.how,
        place_rollup.counted_place_id as place_id,
        mentioned.place_id as named_place_id
    from (select * from finding_places union all select * from pilot_places) as mentioned
    inner join place_rollup on mentioned.place_id = place_rollup.place_id
),

counted as (
    select mentions.*, places.name
    from mentions
    inner join places on mentions.place_id = places.place_id
    where places.kind not in ('country', 'nation')
),

came_up as (
    select
        counted.barrier_id,
        counted.place_id,
        counted.name,
        -- The places named within it, when it stands for them: "Liverpool (Croxteth)".
        string_agg(distinct named.name, ', ' order by named.name) filter (
            where counted.named_place_id <> counted.place_id
        ) as named_within
    from counted
    inner join places as named on counted.named_place_id = named.place_id
    where counted.how in ('finding', 'held back')
    group by counted.barrier_id, counted.place_id, counted.name
),

reach as (
    select
        came_up.barrier_id,
        count(*) as places,
        list(
            came_up.name || coalesce(' (' || came_up.named_within || ')', '')
            order by came_up.name
        ) as place_names,
        list(came_up.place_id order by came_up.name) as place_ids
    from came_up
    group by came_up.barrier_id
),

tackled as (
    select counted.barrier_id, count(distinct counted.place_id) as tackled_places
    from counted
    where counted.how = 'tackled'
    group by counted.barrier_id
),

source_counts as (
    -- The source's own count of places, where it gives one ("6 of 13 places"):
    -- the first such finding about the barrier.
    select
        barrier_evidence.barrier_id,
        arg_min(barrier_evidence.evidence_id, barrier_evidence.evidence_id) as evidence_id
    from barrier_evidence
    where barrier_evidence.value_unit = 'places' and barrier_evidence.denominator is not null
    group by barrier_evidence.barrier_id
),

final as (
    select
        barriers.barrier_id,
        barriers.number,
        barriers.name,
        coalesce(reach.places, 0) as places,
        coalesce(reach.place_names, []) as place_names,
        coalesce(reach.place_ids, []) as place_ids,
        coalesce(tackled.tackled_places, 0) as tackled_places,
        source_figure.value as source_value,
        source_figure.value_qualifier as source_qualifier,
        source_figure.value_unit as source_unit,
        source_figure.denominator as source_denominator,
        source_programme.short_name as source_programme,
        sources.title as source_title,
        source_figure.locator as source_locator
    from barriers
    left join reach on barriers.barrier_id = reach.barrier_id
    left join tackled on barriers.barrier_id = tackled.barrier_id
    left join source_counts on barriers.barrier_id = source_counts.barrier_id
    left join barrier_evidence as source_figure on source_counts.evidence_id = source_figure.evidence_id
    left join programmes as source_programme on source_figure.programme_id = source_programme.programme_id
    left join sources on source_figure.source_id = sources.source_id
)

select * from final
order by final.places desc, final.number;
