-- Descriptions of every table and column, kept in the database itself
-- (duckdb_tables() / duckdb_columns()) so the Sources & method page generates
-- its data dictionary from the schema. schema.create_all runs this last.
-- tests/test_queries.py fails if a table or column has no description.

comment on table sources is 'One source document: a seed text, or reference data the team compiled.';
comment on column sources.source_id is 'Short stable name of the document.';
comment on column sources.title is 'Title of the document.';
comment on column sources.title_supplied is 'True when the document has no title of its own and the team wrote one.';
comment on column sources.publisher is 'Organisation that published the document.';
comment on column sources.author is 'Named author, where the document gives one.';
comment on column sources.published_date is 'Date of publication, where the document gives one.';
comment on column sources.published_note is 'What is known about the date when there is no exact date.';
comment on column sources.url is 'Public address of the document, where there is one.';
comment on column sources.licence is 'Terms under which we use it (facts only, in our words, for copyright texts).';
comment on column sources.kind is 'guidance, briefing, article, reference, synthetic or analyst.';
comment on column sources.seed_file is 'File name of the seed text the facts were taken from.';
comment on column sources.used_for is 'What the team took from this document, in a sentence.';
comment on column sources.is_synthetic is 'True for made-up test data (fivebarriers synth): never real findings.';
comment on column sources.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table source_sections is 'The table of contents of each source document: the sections a locator may name.';
comment on column source_sections.source_id is 'The document.';
comment on column source_sections.section is 'A section heading as locators spell it (e.g. Annex: Structures - Pilot success).';
comment on column source_sections.covers is 'What that part of the document holds, in words.';
comment on column source_sections.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table barriers is 'The five barriers to place-based working named by the PfPP guidance.';
comment on column barriers.barrier_id is 'Short stable name of the barrier (used in links: ?barrier=...).';
comment on column barriers.number is 'Number the guidance gives the barrier (1 to 5).';
comment on column barriers.name is 'Name of the barrier.';
comment on column barriers.summary is 'One-line summary in our own words.';
comment on column barriers.display_order is 'Order in which pages list the barriers.';
comment on column barriers.source_id is 'Document the barrier comes from.';
comment on column barriers.locator is 'Section of that document.';

comment on table recommendations is 'The twelve PfPP recommendations ("practical tips"), each under one barrier.';
comment on column recommendations.recommendation_id is 'Short stable name of the recommendation.';
comment on column recommendations.barrier_id is 'Barrier the recommendation addresses.';
comment on column recommendations.number is 'Running number, 1 to 12.';
comment on column recommendations.letter is 'Letter within its barrier (a, b, c ...).';
comment on column recommendations.text is 'The recommendation in our own words.';
comment on column recommendations.source_id is 'Document the recommendation comes from.';
comment on column recommendations.locator is 'Section of that document.';

comment on table departments is 'One name of a government department or public body over a period; rows sharing lineage_id are one department over time.';
comment on column departments.department_id is 'Short stable name of this name-period (e.g. dclg, dluhc).';
comment on column departments.lineage_id is 'The department over time: every renaming keeps the same lineage_id (used in links: ?department=...).';
comment on column departments.name is 'Name in use during this period.';
comment on column departments.abbreviation is 'Usual abbreviation during this period.';
comment on column departments.kind is 'ministerial department, arm''s-length body or international body.';
comment on column departments.valid_from is 'First day the name was in use (reference data compiled by the team).';
comment on column departments.valid_to is 'Last day the name was in use; empty while it still is.';
comment on column departments.successor_id is 'department_id of the name or body that came next.';
comment on column departments.source_id is 'Document that mentions the department.';
comment on column departments.locator is 'Section of that document.';
comment on column departments.history_source_id is 'Source of the dates and successor (machinery of government reference).';

comment on table places is 'A place at any level, from country to neighbourhood, with its parent.';
comment on column places.place_id is 'Short stable name of the place (used in links: ?place=...).';
comment on column places.name is 'Name of the place.';
comment on column places.kind is 'country, nation, region, combined authority, local authority, county, district, town, neighbourhood ...';
comment on column places.parent_id is 'The place this one sits within; empty for a country.';
comment on column places.gss_code is 'ONS Government Statistical Service code, where one exists (reference data).';
comment on column places.lat is 'Approximate latitude of the centre, for the map (reference data compiled by the team).';
comment on column places.lon is 'Approximate longitude of the centre, for the map (reference data compiled by the team).';
comment on column places.source_id is 'Document that mentions the place.';
comment on column places.locator is 'Section of that document.';
comment on column places.geo_source_id is 'Source of the code and coordinates.';
comment on column places.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table programmes is 'A national or international programme of place-based work.';
comment on column programmes.programme_id is 'Short stable name of the programme.';
comment on column programmes.name is 'Full name.';
comment on column programmes.short_name is 'Name used in charts and filters.';
comment on column programmes.start_year is 'Year it started, where the sources say.';
comment on column programmes.end_year is 'Year it ended, where the sources say.';
comment on column programmes.period_note is 'The period in words, including what the sources do not say.';
comment on column programmes.funder is 'Who paid for it, where the sources say.';
comment on column programmes.lead_department_id is 'Department (name-period) that led it.';
comment on column programmes.summary is 'What it was, in our own words.';
comment on column programmes.source_id is 'Document the programme comes from.';
comment on column programmes.locator is 'Section of that document.';
comment on column programmes.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table programme_places is 'Which places took part in which programme, and how.';
comment on column programme_places.programme_id is 'The programme.';
comment on column programme_places.place_id is 'The place.';
comment on column programme_places.role is 'How the place took part (pilot place, pilot area, case study area ...).';
comment on column programme_places.source_id is 'Document that says so.';
comment on column programme_places.locator is 'Section of that document.';

comment on table pilots is 'A pilot, project or case study the sources describe.';
comment on column pilots.pilot_id is 'Short stable name of the pilot.';
comment on column pilots.name is 'Name of the pilot.';
comment on column pilots.programme_id is 'Programme it belonged to.';
comment on column pilots.place_id is 'The most specific place it ran in.';
comment on column pilots.scope is 'pilot, case study or programme-wide.';
comment on column pilots.start_date is 'When it started, where the sources say.';
comment on column pilots.end_date is 'When it ended, where the sources say.';
comment on column pilots.summary is 'What it did, in our own words.';
comment on column pilots.source_id is 'Document the pilot comes from.';
comment on column pilots.locator is 'Section of that document.';
comment on column pilots.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table pilot_barriers is 'Which barrier a pilot addressed or faced, and whether the source says so or it is our reading.';
comment on column pilot_barriers.pilot_id is 'The pilot.';
comment on column pilot_barriers.barrier_id is 'The barrier.';
comment on column pilot_barriers.role is 'addressed (the pilot worked on it) or faced (it held the pilot back).';
comment on column pilot_barriers.basis is '''stated in source'' or ''our reading'' (the team''s interpretation of the text).';
comment on column pilot_barriers.source_id is 'Document behind the link.';
comment on column pilot_barriers.locator is 'Section of that document.';
comment on column pilot_barriers.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table pilot_departments is 'Which departments led, partnered or engaged with a pilot.';
comment on column pilot_departments.pilot_id is 'The pilot.';
comment on column pilot_departments.department_id is 'The department under the name it had at the time.';
comment on column pilot_departments.role is 'What the source says the department did: lead (led the pilot), partner (worked on it), engaged (held talks or gave help) or named (only named in the pilot''s story).';
comment on column pilot_departments.source_id is 'Document that says so.';
comment on column pilot_departments.locator is 'Section of that document.';
comment on column pilot_departments.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table outputs is 'One measured or expected result of a pilot, against its own target where it had one.';
comment on column outputs.output_id is 'Short stable name of the result.';
comment on column outputs.pilot_id is 'The pilot that produced it.';
comment on column outputs.measure is 'What was counted, in words.';
comment on column outputs.unit is 'Unit of the figures (people, homes, percent, GBP ...).';
comment on column outputs.baseline is 'Starting value, where the sources give one.';
comment on column outputs.target_low is 'Goal, or the lower end of an intended range.';
comment on column outputs.target_high is 'Goal, or the upper end of an intended range (equal to target_low for a single goal).';
comment on column outputs.target_qualifier is 'How exact the goal is (about, at least ...).';
comment on column outputs.actual is 'The figure reported; empty when not reported (never 0).';
comment on column outputs.qualifier is 'How exact the figure is: exactly, over, at least, about, under, up to ("over 550").';
comment on column outputs.kind is 'achieved (happened) or expected (projected or planned).';
comment on column outputs.status is 'reported or not reported.';
comment on column outputs.period_end is 'End of the period the figure covers, where known.';
comment on column outputs.note is 'What the source says about the figure, in our words.';
comment on column outputs.goal_same_measure is 'True when the goal counts the same thing as the figure (so a ratio to goal means something); false when it counted something else; empty when there is no goal or it is not recorded.';
comment on column outputs.goal_measure is 'What the goal counted, when that differs from the measure (goal_same_measure false).';
comment on column outputs.disputed_note is 'When sources disagree about this fact: what the other statement says and its id; empty otherwise.';
comment on column outputs.source_id is 'Document the figure comes from.';
comment on column outputs.locator is 'Section of that document.';
comment on column outputs.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table barrier_evidence is 'A finding about a barrier: a figure (e.g. 6 of 13 places) or a qualitative statement.';
comment on column barrier_evidence.evidence_id is 'Short stable name of the finding.';
comment on column barrier_evidence.barrier_id is 'The barrier it is evidence for.';
comment on column barrier_evidence.place_id is 'Place the finding is about, if one.';
comment on column barrier_evidence.programme_id is 'Programme the finding comes from, if one.';
comment on column barrier_evidence.pilot_id is 'Pilot the finding is about, if one.';
comment on column barrier_evidence.finding is 'The finding in our own words.';
comment on column barrier_evidence.value is 'The figure, for a quantitative finding; empty for a qualitative one.';
comment on column barrier_evidence.value_qualifier is 'How exact the figure is (exactly, over ...).';
comment on column barrier_evidence.value_unit is 'Unit of the figure (places, teams, officials ...).';
comment on column barrier_evidence.denominator is 'Out of how many, when the finding is a share (the 13 in 6 of 13).';
comment on column barrier_evidence.basis is 'stated in source (the source links the finding to this barrier) or our reading (the team did).';
comment on column barrier_evidence.disputed_note is 'When sources disagree about this finding: what the other statement says and its id; empty otherwise.';
comment on column barrier_evidence.source_id is 'Document the finding comes from.';
comment on column barrier_evidence.locator is 'Section of that document.';
comment on column barrier_evidence.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on table funding_flows is 'Money moving between bodies, where the sources say so (amount often not given).';
comment on column funding_flows.flow_id is 'Short stable name of the flow.';
comment on column funding_flows.from_body is 'Who paid, in the source''s words.';
comment on column funding_flows.from_department_id is 'Paying department, when it is one.';
comment on column funding_flows.to_body is 'Who received, in the source''s words.';
comment on column funding_flows.to_place_id is 'Receiving place, when it is one.';
comment on column funding_flows.programme_id is 'Programme the money belonged to.';
comment on column funding_flows.amount_gbp is 'Amount in pounds; empty when not reported.';
comment on column funding_flows.amount_qualifier is 'How exact the amount is.';
comment on column funding_flows.status is 'reported or not reported.';
comment on column funding_flows.flow_kind is 'paid, planned or ring-fenced.';
comment on column funding_flows.period is 'Period of the flow, in words.';
comment on column funding_flows.note is 'What the source says, in our words.';
comment on column funding_flows.disputed_note is 'When sources disagree about this flow: what the other statement says and its id; empty otherwise.';
comment on column funding_flows.source_id is 'Document the flow comes from.';
comment on column funding_flows.locator is 'Section of that document.';

comment on table context_figures is 'Background figures that are not results of a pilot (e.g. share of privately rented homes).';
comment on column context_figures.figure_id is 'Short stable name of the figure.';
comment on column context_figures.subject is 'What the figure is about.';
comment on column context_figures.place_id is 'Place, if one.';
comment on column context_figures.programme_id is 'Programme, if one.';
comment on column context_figures.measure is 'What was counted.';
comment on column context_figures.unit is 'Unit of the figure.';
comment on column context_figures.value is 'The figure.';
comment on column context_figures.qualifier is 'How exact the figure is.';
comment on column context_figures.period is 'Period it covers, in words.';
comment on column context_figures.disputed_note is 'When sources disagree about this figure: what the other statement says and its id; empty otherwise.';
comment on column context_figures.source_id is 'Document the figure comes from.';
comment on column context_figures.locator is 'Section of that document.';

comment on table ingest_batches is 'Every analyst load: who, when, which file, and what happened.';
comment on column ingest_batches.batch_id is 'Short stable name of the load.';
comment on column ingest_batches.table_name is 'Table the file was loaded into (several, comma-separated, for a workbook with one sheet per table).';
comment on column ingest_batches.file_name is 'Name of the uploaded file.';
comment on column ingest_batches.sha256 is 'Hash of the file content (a second load of the same file is refused).';
comment on column ingest_batches.loaded_by is 'Who loaded it.';
comment on column ingest_batches.loaded_at is 'When it was loaded.';
comment on column ingest_batches.row_count is 'Rows loaded.';
comment on column ingest_batches.outcome is 'What happened (loaded, rejected, undone ...).';
comment on column ingest_batches.undone_at is 'When the load was undone, if it was.';
comment on column ingest_batches.note is 'Anything else about the load.';
comment on column ingest_batches.loader_version is 'How the loader read the file: 2 or more stores each true/false on the row it was typed on; empty for loads by older versions, which could move it to another row.';

comment on table build_info is 'Facts about this database build: hashes of the data and schema it was built from.';
comment on column build_info.key is 'Name of the fact (data_sha256, schema_sha256).';
comment on column build_info.value is 'Its value.';

comment on view results is 'One row per output with its pilot, programme, place, barriers and departments: what the pages chart.';
comment on view place_lineage is 'Each place with the list of its ancestors (itself first), for "this place and everything in it".';
comment on view department_lineages is 'Each department over time: its current name and all its abbreviations in order.';
comment on view result_rows is 'One row per output as the results lists show it (pilot, place and programme names, source title); the results macros filter it by pilot first.';
comment on view fact_provenance is 'Every fact row''s table, key, source and locator, for the provenance and table-of-contents checks.';

comment on column place_lineage.place_id is 'The place.';
comment on column place_lineage.ancestor_ids is 'The place itself, its parent, its parent''s parent ... up to the country.';

comment on column department_lineages.lineage_id is 'The department over time (used in links: ?department=...).';
comment on column department_lineages.current_name is 'Its latest name.';
comment on column department_lineages.current_abbreviation is 'Its latest abbreviation.';
comment on column department_lineages.abbreviations is 'Every abbreviation it has had, oldest first (DCLG, MHCLG, DLUHC, MHCLG).';
comment on column department_lineages.name_count is 'How many name-periods it has had.';

comment on column results.output_id is 'The output (see outputs.output_id).';
comment on column results.pilot_id is 'Its pilot.';
comment on column results.pilot_name is 'Name of the pilot.';
comment on column results.programme_id is 'Programme of the pilot.';
comment on column results.programme_name is 'Short name of that programme.';
comment on column results.place_id is 'Place the pilot ran in.';
comment on column results.place_name is 'Name of that place.';
comment on column results.place_ancestor_ids is 'That place and every place it sits within, so a region''s view includes its towns.';
comment on column results.barrier_ids is 'Barriers the pilot addressed or faced.';
comment on column results.barriers_addressed is 'Barriers the pilot addressed.';
comment on column results.department_ids is 'Departments (lineage_id) that led, partnered or engaged with the pilot.';
comment on column results.measure is 'What was counted.';
comment on column results.unit is 'Unit of the figures.';
comment on column results.baseline is 'Starting value, where given.';
comment on column results.target_low is 'Goal, or lower end of an intended range.';
comment on column results.target_high is 'Goal, or upper end of an intended range.';
comment on column results.target_qualifier is 'How exact the goal is.';
comment on column results.actual is 'The figure; empty when not reported.';
comment on column results.qualifier is 'How exact the figure is ("over" in "over 550").';
comment on column results.kind is 'achieved or expected.';
comment on column results.status is 'reported or not reported.';
comment on column results.period_end is 'End of the period the figure covers.';
comment on column results.note is 'What the source says about the figure.';
comment on column results.goal_same_measure is 'True when the goal counts the same thing as the figure (see outputs.goal_same_measure).';
comment on column results.goal_measure is 'What the goal counted, when different (see outputs.goal_measure).';
comment on column results.disputed_note is 'Sources disagree: the other statement (see outputs.disputed_note).';
comment on column results.source_id is 'Document the figure comes from.';
comment on column results.source_title is 'Title of that document.';
comment on column results.locator is 'Section of that document.';
comment on column results.batch_id is 'Analyst load that added the row; empty for curated data.';

comment on view pilot_facts is 'One row per pilot with its programme, place, place ancestors, barriers and departments: what the results view filters on.';
comment on column pilot_facts.pilot_id is 'The pilot.';
comment on column pilot_facts.pilot_name is 'Name of the pilot.';
comment on column pilot_facts.programme_id is 'Programme of the pilot.';
comment on column pilot_facts.programme_name is 'Short name of that programme.';
comment on column pilot_facts.place_id is 'Place the pilot ran in.';
comment on column pilot_facts.place_name is 'Name of that place.';
comment on column pilot_facts.place_ancestor_ids is 'That place and every place it sits within.';
comment on column pilot_facts.barrier_ids is 'Barriers the pilot addressed or faced.';
comment on column pilot_facts.barriers_addressed is 'Barriers the pilot addressed.';
comment on column pilot_facts.department_ids is 'Departments (lineage_id) that led, partnered or engaged with the pilot.';

comment on table output_summary is 'Derived from outputs (never edited by hand): how many outputs each pilot has per kind, status, goal and source; rebuilt by every write.';
comment on column output_summary.pilot_id is 'Pilot the outputs belong to.';
comment on column output_summary.kind is 'achieved or expected.';
comment on column output_summary.status is 'reported or not reported.';
comment on column output_summary.with_target is 'True for the outputs that have a goal (target_low given).';
comment on column output_summary.source_id is 'Document those outputs cite.';
comment on column output_summary.outputs is 'How many outputs of that pilot have this kind, status, goal and source.';
comment on column output_summary.comparable is 'How many of them have a goal that counts the same thing and a reported result: the results a goal chart can say beat their goal or not.';
comment on column output_summary.beat is 'How many of those beat their goal: a figure that is exactly, over or at least the top of the goal and above it.';
comment on column output_summary.first_output_id is 'Smallest output_id among them (lets a page of outputs in id order read only the pilots it needs).';
comment on column output_summary.last_output_id is 'Largest output_id among them.';

comment on table goal_summary is 'Derived from outputs (never edited by hand): for each pilot, the 12 results with a goal that a goal chart ranks first; rebuilt by every write.';
comment on column goal_summary.pilot_id is 'The pilot.';
comment on column goal_summary.output_id is 'One of its results with a goal.';
comment on column goal_summary.unreported is 'True when the result was not reported.';
comment on column goal_summary.times_goal is 'The result as a multiple of the top of its goal, for reported figures that are exactly, over or at least what they say and whose goal counts the same thing; empty otherwise.';

comment on table pilot_summary is 'Derived (never edited by hand): the pilot_facts view stored as a table, so page filters read 25,000 rows instead of re-deriving lists; rebuilt by every write.';
comment on column pilot_summary.pilot_id is 'The pilot.';
comment on column pilot_summary.pilot_name is 'Name of the pilot.';
comment on column pilot_summary.programme_id is 'Programme the pilot belongs to.';
comment on column pilot_summary.programme_name is 'Short name of that programme.';
comment on column pilot_summary.place_id is 'Place the pilot ran in.';
comment on column pilot_summary.place_name is 'Name of that place.';
comment on column pilot_summary.place_ancestor_ids is 'That place and every place it sits within.';
comment on column pilot_summary.barrier_ids is 'Barriers the pilot addressed or faced.';
comment on column pilot_summary.barriers_addressed is 'Barriers the pilot addressed.';
comment on column pilot_summary.department_ids is 'Departments (lineage_id) that led, partnered or engaged with the pilot.';

comment on table place_lineage_summary is 'Derived (never edited by hand): the place_lineage view stored as a table; rebuilt by every write.';
comment on column place_lineage_summary.place_id is 'The place.';
comment on column place_lineage_summary.ancestor_ids is 'That place and every place it sits within, nearest first.';
