-- The departments a pilot worked with, under the name they had at the time,
-- with their role. $pilot: a pilot_id.
select
    departments.lineage_id,
    department_lineages.current_name,
    departments.name as name_at_the_time,
    departments.abbreviation,
    pilot_departments.role,
    pilot_departments.source_id,
    sources.title as source_title,
    pilot_departments.locator
from pilot_departments
inner join departments on pilot_departments.department_id = departments.department_id
inner join department_lineages on departments.lineage_id = department_lineages.lineage_id
inner join sources on pilot_departments.source_id = sources.source_id
where pilot_departments.pilot_id = $pilot
order by
    case pilot_departments.role when 'lead' then 1 when 'partner' then 2 when 'engaged' then 3 else 4 end,
    departments.name;
