-- Programmes a department (over all its names) led. $department: a lineage_id.
with
final as (
    select
        programmes.programme_id,
        programmes.short_name as programme_name,
        departments.name as name_at_the_time,
        programmes.period_note,
        sources.source_id,
        sources.title as source_title,
        programmes.locator
    from programmes
    inner join departments on programmes.lead_department_id = departments.department_id
    inner join sources on programmes.source_id = sources.source_id
    where departments.lineage_id = $department
)

select * from final
order by final.programme_name;
