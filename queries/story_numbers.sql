-- Counts for the "in numbers" slide. $programme, $place: optional filters
-- (place includes places within it).
with
pilots_in_scope as (
    select pilots.pilot_id, pilots.place_id
    from pilots
    left join place_lineage on pilots.place_id = place_lineage.place_id
    where
        ($programme is null or pilots.programme_id = $programme)
        and ($place is null or list_contains(coalesce(place_lineage.ancestor_ids, [pilots.place_id]), $place))
),

-- The shared totals (output_totals in views.sql), for the same programme and place.
output_counts as (
    select * from output_totals($programme, $place)
),

pilot_counts as (
    select
        count(*) as pilots,
        count(distinct pilots_in_scope.place_id) as pilot_places
    from pilots_in_scope
),

final as (
    select * from pilot_counts, output_counts
)

select * from final;
