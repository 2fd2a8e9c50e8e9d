-- A pilot's results, those with a goal first. $pilot: a pilot_id; $limit bounds the rows.
-- Outputs are stored in pilot order, so only the pilot's row groups are read.
-- Read through the one results step (pilot_results in views.sql), so the goal's
-- measure and any disagreement between sources come with every row.
with
final as (
    select * from pilot_results('pilot', $pilot, [], $limit)
)

select * from final
order by final.target_low is null, final.pilot_name, final.output_id;
