-- Record one load; written in the same transaction as its rows.
insert into ingest_batches (
    batch_id, table_name, file_name, sha256, loaded_by, loaded_at, row_count, outcome, undone_at, note,
    loader_version
)
values (
    $batch_id, $table_name, $file_name, $sha256, $loaded_by, $loaded_at, $row_count, 'loaded', null, $note,
    $loader_version
);
