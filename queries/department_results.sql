-- Results of the pilots a department (over all its names) worked with in one
-- of $roles (e.g. ['lead', 'partner']), in pilot order (the pilot_results
-- macro in views.sql), each with the department's role on that pilot and
-- the name it had then. $department: a lineage_id. $limit bounds the rows.
with
linked as (
    select * from pilot_results('department', $department, $roles, $limit)
),

links as (
    select
        pilot_departments.pilot_id,
        string_agg(
            distinct case pilot_departments.role
                when 'lead' then 'led' when 'named' then 'mentioned only' else pilot_departments.role
            end,
            ' and '
        ) as department_role,
        string_agg(distinct departments.name, ' and ') as name_at_the_time
    from pilot_departments
    inner join departments on pilot_departments.department_id = departments.department_id
    where departments.lineage_id = $department and list_contains($roles, pilot_departments.role)
        and pilot_departments.pilot_id in (select linked.pilot_id from linked)
    group by pilot_departments.pilot_id
),

final as (
    select linked.*, links.department_role, links.name_at_the_time
    from linked
    left join links on linked.pilot_id = links.pilot_id
)

select * from final
order by final.target_low is null, final.pilot_name, final.output_id;
