-- Department ids an analyst's file may refer to (Add data page): one id per name and period.
with
departments_named as (
    select
        departments.department_id,
        departments.name,
        departments.abbreviation,
        departments.valid_from,
        departments.valid_to,
    from departments
),

final as (
    select * from departments_named
)

select * from final
order by department_id;
