-- A valid file of new outputs for the ingest benchmark: $rows outputs copied
-- from the synthetic ones under new ids (so none clashes with the database),
-- in the column order of `fivebarriers template outputs`.
with
sample as (
    select * from outputs order by output_id limit $rows
),

final as (
    select
        'new-' || sample.output_id as output_id,
        sample.pilot_id,
        sample.measure,
        sample.unit,
        sample.baseline,
        sample.target_low,
        sample.target_high,
        sample.target_qualifier,
        sample.actual,
        sample.qualifier,
        sample.kind,
        sample.status,
        sample.period_end,
        sample.note,
        sample.goal_same_measure,
        sample.goal_measure,
        sample.disputed_note,
        sample.source_compares_goal,
        sample.source_judgement,
        sample.goal_caveat,
        sample.evidence_strength,
        sample.evidence_basis,
        sample.source_id,
        sample.locator
    from sample
)

select * from final;
