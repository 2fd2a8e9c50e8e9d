-- See search_new_create.sql.
drop table if exists temp.search_new;
