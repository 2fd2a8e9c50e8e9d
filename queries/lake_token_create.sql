-- The one-row write token (see fivebarriers/store/backend.py): outside `main`, so
-- the data dictionary and the table list never show it.
create schema if not exists coordination;
create table if not exists coordination.write_token (n bigint not null);
