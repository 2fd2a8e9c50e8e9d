-- The full-text index, kept in the data's own catalog (a file or a lake) in
-- schema `search`, out of the data dictionary. Kept up to date by
-- fivebarriers.store.search_index with DuckDB's fts extension (tokens,
-- stop words, Porter stems); read by search_hits.sql, which works out BM25
-- from the counts kept here, so a write changes only the documents it
-- touched and the counts of their words.
create schema if not exists search;

-- Dropped and made again on a full rebuild: the index is derived, and its
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

-- One row per stemmed term per document: how often it occurs (a title word
-- counting two) and the document's length, with its kind, so a query ranks
-- without reading the documents.
create table search.terms (
    termid bigint not null,
    docid integer not null,
    kind_order smallint not null,
    len bigint not null,
    tf integer not null,
);

-- Every stemmed term and how many documents hold it.
create table search.dictionary (
    termid bigint not null,
    term varchar not null,
    df bigint not null,
);

-- Every word as written (lower case, accents stripped), the term it is
-- indexed under and how many documents hold it.
create table search.words (
    word varchar not null,
    termid bigint not null,
    df bigint not null,
);

create table search.stopwords (
    word varchar not null,
);

create table search.stats (
    num_docs bigint not null,
    avgdl double not null,
);
