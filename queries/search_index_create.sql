-- The full-text index, kept in the data's own catalog (a file or a lake) in
-- schema `search`, out of the data dictionary. Made by
-- fivebarriers.store.search_index with DuckDB's fts extension (tokens,
-- stop words, Porter stems, document frequencies); read by search_hits.sql.
create schema if not exists search;

-- Dropped and made again on every write: the index is derived, and its
-- shape may change between versions.
drop table if exists search.documents;
drop table if exists search.terms;
drop table if exists search.dictionary;
drop table if exists search.words;
drop table if exists search.stopwords;
drop table if exists search.stats;

create table search.documents (
    docid integer not null,
    kind varchar not null,
    kind_order smallint not null,
    entity_id varchar not null,
    label varchar not null,
    title varchar not null,
    body varchar,
    detail varchar,
    len bigint not null,
);

create table search.terms (
    termid bigint not null,
    docid integer not null,
    kind_order smallint not null,
    score double not null,
);

create table search.dictionary (
    termid bigint not null,
    term varchar not null,
    df bigint not null,
);

create table search.words (
    word varchar not null,
    termid bigint not null,
);

create table search.stopwords (
    word varchar not null,
);

create table search.stats (
    num_docs bigint not null,
    avgdl double not null,
);
