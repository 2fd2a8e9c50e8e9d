-- How many results a pilot has, from the summary (no scan of outputs). $pilot: a pilot_id.
select
    coalesce(sum(output_summary.outputs), 0)::bigint as outputs,
    coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
        as reported
from output_summary
where output_summary.pilot_id = $pilot;
