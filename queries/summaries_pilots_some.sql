-- pilot_summary again for the pilots a load or undo touched: the pilot_facts view stored.
insert into pilot_summary
select * from pilot_facts
where pilot_facts.pilot_id in (select unnest($pilots::varchar[]))
order by pilot_facts.pilot_id;
