-- output_summary again for the pilots a load or undo touched ($pilots):
-- the output_summary_rows macro in views.sql, over their outputs only.
insert into output_summary
    (
        pilot_id, kind, status, with_target, source_id, evidence_strength, outputs, comparable, beat,
        source_beat, fell_short, first_output_id, last_output_id
    )
select rows.*  -- in the column order above
from output_summary_rows($pilots::varchar[]) as rows
order by rows.pilot_id, rows.kind, rows.status, rows.with_target, rows.source_id, rows.evidence_strength;
