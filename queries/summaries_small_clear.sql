-- Empty the two small summaries (pilots and place lineage) before they are
-- rebuilt whole: at 10M outputs they hold 25,000 rows and cost tens of ms.
delete from pilot_summary;
delete from place_lineage_summary;
