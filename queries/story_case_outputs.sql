-- A case study's results: those with a target first, reported before not
-- reported, achieved before expected, then in curated order.
-- $pilot: pilot_id.
with
pilot_results as (
    select
        results.output_id,
        results.pilot_name,
        results.place_name,
        results.measure,
        results.unit,
        results.target_low,
        results.target_high,
        results.target_qualifier,
        results.actual,
        results.qualifier,
        results.kind,
        results.status,
        results.period_end,
        results.note,
        results.goal_same_measure,
        results.goal_measure,
        results.disputed_note,
        results.source_compares_goal,
        results.source_judgement,
        results.goal_caveat,
        results.evidence_strength,
        results.evidence_basis,
        results.source_title,
        results.locator
    from results
    where results.pilot_id = $pilot
),

final as (
    select
        pilot_results.*,
        outputs.rowid as curated_order
    from pilot_results
    inner join outputs on pilot_results.output_id = outputs.output_id
)

select * from final
order by
    final.target_low is null,
    final.status <> 'reported',
    final.kind <> 'achieved',
    final.curated_order,
    final.output_id;
