-- Rebuild pilot_summary: the pilot_facts view (views.sql) stored, by pilot.
insert into pilot_summary
select * from pilot_facts
order by pilot_facts.pilot_id;
