-- Rebuild output_summary from outputs (the output_summary_rows macro in
-- views.sql, over every pilot). Ordered by pilot.
insert into output_summary
    (
        pilot_id, kind, status, with_target, source_id, evidence_strength, outputs, comparable, beat,
        source_beat, fell_short, first_output_id, last_output_id
    )
select rows.*  -- in the column order above
from output_summary_rows((select list(pilots.pilot_id) from pilots)) as rows
order by rows.pilot_id, rows.kind, rows.status, rows.with_target, rows.source_id, rows.evidence_strength;
