-- Departments that led, partnered or engaged with pilots in a place or within
-- it, under the name they had at the time. $place: a place_id.
with
within as (
    select place_lineage_summary.place_id
    from place_lineage_summary
    where list_contains(place_lineage_summary.ancestor_ids, $place)
),

final as (
    select
        departments.lineage_id,
        department_lineages.current_name,
        departments.name as name_at_the_time,
        departments.abbreviation,
        pilot_departments.role,
        pilots.pilot_id,
        pilots.name as pilot_name,
        sources.source_id,
        sources.title as source_title,
        pilot_departments.locator
    from pilot_departments
    inner join pilots on pilot_departments.pilot_id = pilots.pilot_id
    inner join departments on pilot_departments.department_id = departments.department_id
    inner join department_lineages on departments.lineage_id = department_lineages.lineage_id
    inner join sources on pilot_departments.source_id = sources.source_id
    where pilots.place_id in (select within.place_id from within)
)

select * from final
order by
    case final.role when 'lead' then 1 when 'partner' then 2 else 3 end,
    final.current_name,
    final.pilot_name;
