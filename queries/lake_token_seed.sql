insert into coordination.write_token
select 0 as n
where not exists (select 1 from coordination.write_token)
