-- Every word as written (lower case, accents stripped) with the stemmed term
-- it is indexed under: what a query's words are matched against, exactly,
-- by prefix ("east sus") or within a typo ("Croxeth").
with
words as (
    select distinct unnest(
        string_split(
            regexp_replace(lower(strip_accents(documents.title || ' ' || coalesce(documents.body, ''))),
                '(\.|[^a-z0-9])+', ' ', 'g'),
            ' '
        )
    ) as word
    from documents
)

select words.word, dict.termid
from words
inner join fts_main_documents.dict as dict on stem(words.word, 'porter') = dict.term
where words.word <> '';
