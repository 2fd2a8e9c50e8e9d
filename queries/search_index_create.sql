-- The full-text index, kept in the data's own catalog (a file or a lake) in
-- schema `search`, out of the data dictionary. Made by
-- fivebarriers.store.search_index with DuckDB's fts extension (tokens,
-- stop words, Porter stems, document frequencies); read by search_hits.sql.
create schema if not exists search;

create table if not exists search.documents (
    docid integer not null,
    kind varchar not null,
    entity_id varchar not null,
    label varchar not null,
    title varchar not null,
    body varchar,
    detail varchar,
    len bigint not null,
);

create table if not exists search.terms (
    docid integer not null,
    fieldid integer not null,
    termid bigint not null,
    tf bigint not null,
);

create table if not exists search.dictionary (
    termid bigint not null,
    term varchar not null,
    df bigint not null,
);

create table if not exists search.words (
    word varchar not null,
    termid bigint not null,
);

create table if not exists search.stopwords (
    word varchar not null,
);

create table if not exists search.stats (
    num_docs bigint not null,
    avgdl double not null,
);
