-- Results of a programme's pilots, those with a goal first. $programme: a
-- programme_id; $limit bounds the rows.
-- Read through the one results step (pilot_results in views.sql), so the goal's
-- measure and any disagreement between sources come with every row.
with
final as (
    select * from pilot_results('programme', $programme, [], $limit)
)

select * from final
order by final.target_low is null, final.pilot_name, final.output_id;
