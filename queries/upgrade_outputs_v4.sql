-- Upgrade to schema 4, one curated result at a time: a result the older file
-- holds as curated (no batch_id) gets the comparison and strength of evidence
-- that this release's data/outputs.csv gives it; nothing already set is changed.
update outputs
set
    source_compares_goal = $source_compares_goal,
    source_judgement = $source_judgement,
    goal_caveat = $goal_caveat,
    evidence_strength = $evidence_strength,
    evidence_basis = $evidence_basis
where outputs.output_id = $output_id
    and outputs.batch_id is null
    and outputs.evidence_strength is null;
