-- The names one department has had, oldest first. $department: a lineage_id.
with
final as (
    select
        departments.department_id,
        departments.name,
        departments.abbreviation,
        departments.kind,
        departments.valid_from,
        departments.valid_to,
        successor.name as successor_name,
        history.title as history_source_title,
        sources.title as source_title,
        departments.locator
    from departments
    left join departments as successor on departments.successor_id = successor.department_id
    left join sources as history on departments.history_source_id = history.source_id
    inner join sources on departments.source_id = sources.source_id
    where departments.lineage_id = $department
)

select * from final
order by final.valid_from nulls first, final.department_id;
