-- Every pilot, for a full rebuild of the search index's result documents.
select pilots.pilot_id from pilots order by pilots.pilot_id;
