-- One programme: what, when, who paid and led it, where we read it. $programme: a programme_id.
select
    programmes.programme_id,
    programmes.name,
    programmes.short_name,
    programmes.start_year,
    programmes.end_year,
    programmes.period_note,
    programmes.funder,
    programmes.summary,
    departments.lineage_id as lead_lineage_id,
    departments.name as lead_name_at_the_time,
    departments.abbreviation as lead_abbreviation,
    programmes.source_id,
    sources.title as source_title,
    programmes.locator,
    (select count(*) from pilots where pilots.programme_id = $programme) as pilots
from programmes
left join departments on programmes.lead_department_id = departments.department_id
inner join sources on programmes.source_id = sources.source_id
where programmes.programme_id = $programme;
