-- Results of the pilots in a place or anywhere within it, in pilot order
-- (the pilot_results macro in views.sql). $place: a place_id. $limit bounds the rows.
with
final as (
    select * from pilot_results('place', $place, [], $limit)
)

select * from final
order by final.target_low is null, final.pilot_name, final.output_id;
