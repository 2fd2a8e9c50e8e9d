-- Everything a search can find apart from results (search_result_documents.sql),
-- one row per document: pilots, places (with the places inside them),
-- department lineages (every name they ever had), programmes, barriers,
-- barrier findings, recommendations and sources. `title` (names: a
-- department's every name) and `body` are indexed, title words counting
-- double; `label` names the hit and `detail` is shown under it; `kind` and
-- `entity_id` make the link (a finding opens the page of its barrier).
-- Read from the small tables only, so it costs the same at any number of
-- outputs; fivebarriers.store.search_index compares it with the index.
with
child_names as (
    select
        places.parent_id as place_id,
        string_agg(places.name, ', ' order by places.name) as names
    from places
    where places.parent_id is not null
    group by places.parent_id
),

parents as (
    select places.place_id, parent.name as parent_name
    from places
    inner join places as parent on places.parent_id = parent.place_id
),

department_names as (
    select
        departments.lineage_id,
        string_agg(
            departments.name || coalesce(' (' || departments.abbreviation || ')', ''),
            '; ' order by departments.valid_from nulls first
        ) as names
    from departments
    group by departments.lineage_id
),

documents as (
    select
        'pilot' as kind,
        pilots.pilot_id as entity_id,
        pilots.name as title,
        pilots.summary || ' ' || places.name || ' ' || programmes.short_name as body,
        places.name || ' · ' || programmes.short_name as detail,
        1 as kind_order
    from pilots
    inner join places on pilots.place_id = places.place_id
    inner join programmes on pilots.programme_id = programmes.programme_id
    union all
    select
        'place',
        places.place_id,
        places.name,
        places.kind || ' ' || coalesce(parents.parent_name, '') || ' ' || coalesce(child_names.names, ''),
        places.kind
        || coalesce(' in ' || parents.parent_name, '')
        || coalesce('; contains ' || child_names.names, ''),
        2
    from places
    left join parents on places.place_id = parents.place_id
    left join child_names on places.place_id = child_names.place_id
    union all
    select
        'department',
        department_lineages.lineage_id,
        department_names.names,
        '',
        'Names over time: ' || department_names.names,
        3
    from department_lineages
    inner join department_names on department_lineages.lineage_id = department_names.lineage_id
    union all
    select
        'programme',
        programmes.programme_id,
        programmes.name,
        programmes.short_name || ' ' || programmes.summary || ' ' || coalesce(programmes.funder, ''),
        programmes.short_name || coalesce(' · ' || programmes.period_note, ''),
        4
    from programmes
    union all
    select 'barrier', barriers.barrier_id, barriers.name, barriers.summary, barriers.summary, 6
    from barriers
    union all
    select
        'finding',
        barrier_evidence.barrier_id,
        barriers.name || ': ' || coalesce(places.name, programmes.short_name, 'all places'),
        barrier_evidence.finding,
        barrier_evidence.finding,
        7
    from barrier_evidence
    inner join barriers on barrier_evidence.barrier_id = barriers.barrier_id
    left join places on barrier_evidence.place_id = places.place_id
    left join programmes on barrier_evidence.programme_id = programmes.programme_id
    union all
    select
        'recommendation',
        recommendations.barrier_id,
        'Recommendation ' || recommendations.number || ' (' || barriers.name || ')',
        recommendations.text,
        recommendations.text,
        8
    from recommendations
    inner join barriers on recommendations.barrier_id = barriers.barrier_id
    union all
    select
        'source',
        sources.source_id,
        sources.title,
        coalesce(sources.publisher, '') || ' ' || coalesce(sources.author, '') || ' ' || sources.used_for,
        coalesce(sources.publisher, '') || coalesce(' · ' || strftime(sources.published_date, '%Y'), ''),
        9
    from sources
),

final as (
    select
        documents.kind,
        documents.kind_order::smallint as kind_order,
        documents.entity_id,
        coalesce(lineages.current_name || coalesce(' (' || lineages.current_abbreviation || ')', ''),
            documents.title) as label,
        documents.title,
        documents.body,
        documents.detail
    from documents
    left join department_lineages as lineages
        on documents.kind = 'department' and documents.entity_id = lineages.lineage_id
)

select * from final;
