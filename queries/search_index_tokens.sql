-- The written words of a text as the index and search_hits.sql see them:
-- lower case, accents stripped, split on anything but letters and digits,
-- each word once. A temporary macro, made on each connection that needs it.
create or replace temp macro search_words(text) as
    list_distinct(
        list_filter(
            string_split(regexp_replace(lower(strip_accents(text)), '(\.|[^a-z0-9])+', ' ', 'g'), ' '),
            word -> word <> ''
        )
    );
