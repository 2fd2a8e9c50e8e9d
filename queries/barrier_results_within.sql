-- Results of the pilots linked to one barrier within a place or a programme
-- (the Barriers page with ?place= or ?programme=): the same rows and order as
-- barrier_results, for the pilots in that place or a place within it
-- (Liverpool includes Croxteth) and in that programme. A place or programme
-- holds few of a barrier's pilots, so their result rows are read directly.
-- $barrier: a barrier_id; $place, $programme: ids or NULL; $limit bounds the rows.
with
linked_pilots as (
    select pilot_summary.pilot_id
    from pilot_summary
    where list_contains(pilot_summary.barrier_ids, $barrier)
        and ($place is null or list_contains(pilot_summary.place_ancestor_ids, $place))
        and ($programme is null or pilot_summary.programme_id = $programme)
),

linked as (
    select result_rows.*
    from result_rows
    where result_rows.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
),

roles as (
    select
        pilot_barriers.pilot_id,
        string_agg(distinct pilot_barriers.role, ' and ' order by pilot_barriers.role) as barrier_role
    from pilot_barriers
    where pilot_barriers.barrier_id = $barrier
        and pilot_barriers.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
    group by pilot_barriers.pilot_id
),

final as (
    select
        linked.output_id,
        linked.pilot_id,
        linked.pilot_name,
        linked.place_id,
        linked.place_name,
        linked.programme_name,
        roles.barrier_role,
        linked.measure,
        linked.unit,
        linked.target_low,
        linked.target_high,
        linked.target_qualifier,
        linked.actual,
        linked.qualifier,
        linked.kind,
        linked.status,
        linked.goal_same_measure,
        linked.goal_measure,
        linked.disputed_note,
        linked.source_compares_goal,
        linked.source_judgement,
        linked.goal_caveat,
        linked.evidence_strength,
        linked.evidence_basis,
        linked.source_id,
        linked.source_title,
        linked.locator
    from linked
    left join roles on linked.pilot_id = roles.pilot_id
)

select * from final
order by final.target_low is null, final.pilot_name, final.output_id
limit $limit;
