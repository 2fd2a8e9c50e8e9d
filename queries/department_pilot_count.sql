-- How many rows department_pilots has for a department (the size of its
-- paged list). $department: a lineage_id; $roles: the roles listed.
with
links as (
    select pilot_departments.pilot_id
    from pilot_departments
    inner join departments on pilot_departments.department_id = departments.department_id
    inner join pilots on pilot_departments.pilot_id = pilots.pilot_id
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    inner join sources on pilot_departments.source_id = sources.source_id
    where departments.lineage_id = $department and list_contains($roles, pilot_departments.role)
)

select count(*) as links from links;
