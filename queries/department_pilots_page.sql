-- One page of the pilots one department (over all its names) led, partnered
-- or engaged with: at 10M outputs a department has thousands. pilot_id and
-- the name at the time break ties so pages never overlap.
-- $department: a lineage_id; $roles: the roles listed (e.g. ['lead', 'partner']); $limit, $offset: the page.
with
links as (
    select
        pilot_departments.pilot_id,
        pilot_departments.role,
        pilot_departments.source_id,
        pilot_departments.locator,
        departments.name as name_at_the_time,
        departments.abbreviation
    from pilot_departments
    inner join departments on pilot_departments.department_id = departments.department_id
    where departments.lineage_id = $department and list_contains($roles, pilot_departments.role)
),

-- Per-pilot counts from output_summary (derived from outputs in every write).
output_counts as (
    select
        output_summary.pilot_id,
        sum(output_summary.outputs)::bigint as outputs,
        coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
            as reported
    from output_summary
    where output_summary.pilot_id in (select links.pilot_id from links)
    group by output_summary.pilot_id
),

final as (
    select
        links.pilot_id,
        pilots.name as pilot_name,
        links.role,
        links.name_at_the_time,
        links.abbreviation,
        pilots.programme_id,
        programmes.short_name as programme_name,
        pilots.place_id,
        places.name as place_name,
        coalesce(output_counts.outputs, 0) as outputs,
        coalesce(output_counts.reported, 0) as reported,
        sources.source_id,
        sources.title as source_title,
        links.locator
    from links
    inner join pilots on links.pilot_id = pilots.pilot_id
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    inner join sources on links.source_id = sources.source_id
    left join output_counts on links.pilot_id = output_counts.pilot_id
)

select * from final
order by case final.role when 'lead' then 1 when 'partner' then 2 when 'engaged' then 3 else 4 end, final.pilot_name, final.pilot_id,
    final.name_at_the_time
limit $limit offset $offset;
