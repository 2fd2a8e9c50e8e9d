-- The documents a write compares with the index (search_index_changes.sql):
-- search_documents.sql and search_result_documents.sql are added to it, in
-- their column order; search_new_drop.sql drops it after the comparison.
create or replace temp table search_new (
    kind varchar,
    kind_order smallint,
    entity_id varchar,
    label varchar,
    title varchar,
    body varchar,
    detail varchar
);
