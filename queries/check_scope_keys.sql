-- Batch-scoped check: keys in scope that the whole table holds more than once,
-- for the two tables whose key does not contain the pilot (run before the
-- shadow views exist, so it sees every row).
select 'outputs' as table_name, outputs.output_id as row_key, count(*) as n
from outputs
where outputs.output_id in (select scope_outputs.output_id from temp.scope_outputs)
group by outputs.output_id
having count(*) > 1
union all
select 'barrier_evidence', barrier_evidence.evidence_id, count(*)
from barrier_evidence
where barrier_evidence.evidence_id in (select scope_barrier_evidence.evidence_id from temp.scope_barrier_evidence)
group by barrier_evidence.evidence_id
having count(*) > 1
order by table_name, row_key;
