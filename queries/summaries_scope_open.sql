-- While pilot_summary rows are derived again for the pilots a load or undo
-- touched, the pilot_facts view reads only those pilots' rows (the temp tables
-- of scope_pilot_links.sql, run first, behind temp views, which come first in
-- DuckDB's search path) and each place's lineage from its summary (up to date:
-- a write that changed places rebuilds it first) instead of recursing over
-- every place. Without them pilot_facts groups the links of all 25,000 pilots
-- at 10M (60 ms). summaries_scope_close.sql drops them all.
create temp view pilots as select * from temp.scope_pilots;
create temp view pilot_barriers as select * from temp.scope_pilot_barriers;
create temp view pilot_departments as select * from temp.scope_pilot_departments;
create temp view place_lineage as
select place_lineage_summary.place_id, place_lineage_summary.ancestor_ids from place_lineage_summary
