-- Departments that worked with a programme's pilots, under the names they
-- had at the time, with their role and how many pilots. $programme: a programme_id.
with
final as (
    select
        departments.lineage_id,
        department_lineages.current_name,
        departments.name as name_at_the_time,
        departments.abbreviation,
        pilot_departments.role,
        count(distinct pilot_departments.pilot_id) as pilots
    from pilot_departments
    inner join pilots on pilot_departments.pilot_id = pilots.pilot_id
    inner join departments on pilot_departments.department_id = departments.department_id
    inner join department_lineages on departments.lineage_id = department_lineages.lineage_id
    where pilots.programme_id = $programme
    group by all
)

select * from final
order by
    case final.role when 'lead' then 1 when 'partner' then 2 when 'engaged' then 3 else 4 end,
    final.pilots desc,
    final.name_at_the_time;
