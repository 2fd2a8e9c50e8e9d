-- Thirty department lineages, each with one to four names over time (a
-- renamed department is one lineage, linked by successor_id), like
-- DCLG -> MHCLG -> DLUHC -> MHCLG in the real data.
insert into departments
with
topics as (
    select
        t.i - 1 as lineage,
        t.topic
    from unnest([
        'Communities', 'Health', 'Work', 'Education', 'Justice', 'Transport', 'Energy', 'Housing',
        'Culture', 'Environment', 'Skills', 'Enterprise', 'Digital Services', 'Local Growth', 'Families',
        'Policing', 'Care', 'Rural Affairs', 'Science', 'Trade', 'Water', 'Planning', 'Youth',
        'Employment', 'Public Health', 'Welfare', 'Heritage', 'Net Zero', 'Regeneration', 'Sport'
    ]) with ordinality as t(topic, i)
),

versions as (
    select
        topics.lineage,
        topics.topic,
        v.range as version,
        1 + synth_pick($seed, topics.lineage, 'dept-versions', 4) as version_count,
        (select t2.topic from topics as t2
            where t2.lineage = (topics.lineage + 7 + synth_pick($seed, topics.lineage, 'dept-partner', 20)) % 30
        ) as partner_topic
    from topics
    cross join range(4) as v
),

named as (
    select
        versions.*,
        'synth-dept-' || lpad(versions.lineage::varchar, 2, '0') as lineage_id,
        'synth-dept-' || lpad(versions.lineage::varchar, 2, '0') || '-v' || versions.version as department_id,
        case versions.version
            when 0 then 'Department for ' || versions.topic
            when 1 then 'Department for ' || versions.topic || ' and ' || versions.partner_topic
            when 2 then 'Ministry of ' || versions.topic
            else 'Department for ' || versions.topic || ', ' || versions.partner_topic || ' and Communities'
        end as name,
        case versions.version
            when 0 then 'D' || upper(left(versions.topic, 2))
            when 1 then 'D' || upper(left(versions.topic, 1)) || upper(left(versions.partner_topic, 1))
            when 2 then 'M' || upper(left(versions.topic, 2))
            else 'D' || upper(left(versions.topic, 1)) || upper(left(versions.partner_topic, 1)) || 'C'
        end as abbreviation,
        case
            when versions.version = 0 and synth_u($seed, versions.lineage, 'dept-open') < 0.3 then null
            when versions.version = 0 then make_date(1990 + synth_pick($seed, versions.lineage, 'dept-y0', 8)::integer, 1, 1)
            else make_date(
                1999 + versions.version * 7 + synth_pick($seed, versions.lineage * 4 + versions.version, 'dept-y', 5)::integer,
                1 + synth_pick($seed, versions.lineage * 4 + versions.version, 'dept-m', 12)::integer,
                1 + synth_pick($seed, versions.lineage * 4 + versions.version, 'dept-d', 28)::integer
            )
        end as valid_from
    from versions
    where versions.version < versions.version_count
),

final as (
    select
        named.department_id,
        named.lineage_id,
        named.name,
        named.abbreviation,
        case when named.lineage % 5 = 4 then 'arm''s-length body' else 'ministerial department' end as kind,
        named.valid_from,
        (lead(named.valid_from) over (partition by named.lineage order by named.version) - interval 1 day)::date
            as valid_to,
        lead(named.department_id) over (partition by named.lineage order by named.version) as successor_id,
        'synth-register' as source_id,
        'Department register, lineage ' || named.lineage as locator,
        'synth-register' as history_source_id
    from named
)

select * from final
order by department_id;
