-- Results of the pilots linked to one barrier, in pilot order (the
-- pilot_results macro in views.sql), with how each pilot met the barrier.
-- $barrier: a barrier_id. $limit bounds the rows.
with
linked as (
    select * from pilot_results('barrier', $barrier, [], $limit)
),

roles as (
    select
        pilot_barriers.pilot_id,
        string_agg(distinct pilot_barriers.role, ' and ' order by pilot_barriers.role) as barrier_role
    from pilot_barriers
    where pilot_barriers.barrier_id = $barrier and pilot_barriers.pilot_id in (select linked.pilot_id from linked)
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
order by final.target_low is null, final.pilot_name, final.output_id;
