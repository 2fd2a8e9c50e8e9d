-- Rebuild place_lineage_summary: the place_lineage view (views.sql) stored.
insert into place_lineage_summary
select place_lineage.place_id, place_lineage.ancestor_ids from place_lineage
order by place_lineage.place_id;
