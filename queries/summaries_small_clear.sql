-- Empty place_lineage_summary before it is rebuilt whole: 1,800 places at 10M
-- outputs cost tens of ms, and a load of places may extend any lineage.
delete from place_lineage_summary;
