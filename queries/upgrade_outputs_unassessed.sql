-- Upgrade to schema 4: a result carried over from an older file that this
-- release knows nothing about (an analyst's load) says so, instead of a guessed
-- strength of evidence; the pages show "not yet assessed" beside its figure.
update outputs
set evidence_strength = 'not yet assessed'
where outputs.evidence_strength is null;
