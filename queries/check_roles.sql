-- What a department did in a pilot is one of four words, strongest first:
-- lead, partner, engaged, named (only named in the pilot's story). A pilot
-- has at most one lead: PfPP's pilots were led by the places themselves.
with
problems as (
    select
        pilot_id || '/' || department_id as row_key,
        'role not allowed' as rule,
        'role ''' || coalesce(role, '') || ''' is not lead, partner, engaged or named' as problem
    from pilot_departments
    where role is null or role not in ('lead', 'partner', 'engaged', 'named')
    union all
    select
        pilot_id,
        'more than one lead',
        count(*)::varchar || ' departments are recorded as its lead: keep the one the source says led it '
        || 'and make the others partner or engaged'
    from pilot_departments
    where role = 'lead'
    group by pilot_id
    having count(*) > 1
),

final as (
    select 'pilot_departments' as table_name, row_key, rule, problem from problems
)

select * from final
order by row_key, rule;
