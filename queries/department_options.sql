-- Departments over time (one row per lineage) for the department filter, with
-- how many pilots each worked with, in each role and in the role groups the
-- Departments page can count (led or partnered is its default).
with
pilot_counts as (
    select
        departments.lineage_id,
        count(distinct pilot_departments.pilot_id) as pilots,
        count(distinct pilot_departments.pilot_id) filter (where pilot_departments.role = 'lead') as led,
        count(distinct pilot_departments.pilot_id) filter (where pilot_departments.role = 'partner')
            as partnered,
        count(distinct pilot_departments.pilot_id) filter (where pilot_departments.role = 'engaged')
            as engaged,
        count(distinct pilot_departments.pilot_id) filter (where pilot_departments.role = 'named') as named,
        count(distinct pilot_departments.pilot_id) filter (where pilot_departments.role in ('lead', 'partner'))
            as led_or_partnered,
        count(distinct pilot_departments.pilot_id) filter (
            where pilot_departments.role in ('lead', 'partner', 'engaged')
        ) as involved
    from pilot_departments
    inner join departments on pilot_departments.department_id = departments.department_id
    group by departments.lineage_id
),

kinds as (
    select departments.lineage_id, any_value(departments.kind) as kind
    from departments
    group by departments.lineage_id
),

final as (
    select
        department_lineages.lineage_id,
        department_lineages.current_name,
        department_lineages.current_abbreviation,
        department_lineages.name_count,
        array_to_string(department_lineages.abbreviations, ' → ') as name_history,
        kinds.kind,
        coalesce(pilot_counts.pilots, 0) as pilots,
        coalesce(pilot_counts.led, 0) as led,
        coalesce(pilot_counts.partnered, 0) as partnered,
        coalesce(pilot_counts.engaged, 0) as engaged,
        coalesce(pilot_counts.named, 0) as named,
        coalesce(pilot_counts.led_or_partnered, 0) as led_or_partnered,
        coalesce(pilot_counts.involved, 0) as involved
    from department_lineages
    inner join kinds on department_lineages.lineage_id = kinds.lineage_id
    left join pilot_counts on department_lineages.lineage_id = pilot_counts.lineage_id
)

select * from final
order by final.pilots desc, final.current_name;
