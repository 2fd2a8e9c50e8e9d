-- Batch-scoped check: output ids in scope that the whole outputs table holds
-- more than once (run before the shadow views exist, so it sees every row).
select outputs.output_id, count(*) as n
from outputs
where outputs.output_id in (select scope_outputs.output_id from temp.scope_outputs)
group by outputs.output_id
having count(*) > 1
order by outputs.output_id;
