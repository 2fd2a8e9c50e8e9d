-- Ranked search over the index in schema `search` (fivebarriers/store/search_index.py).
-- $q: what was typed; $per_kind: hits kept per kind.
-- Each query word (lower case, accents stripped, stop words dropped) is
-- matched to indexed words: exactly (weight 1), as the start of a word
-- ("east sus" -> Sussex, 0.8), as a longer form of a stem ("helping" -> help,
-- 0.9) or within one edit, two for words of 8+ letters ("Croxeth" ->
-- Croxteth, 0.6). A document must hold every query word that matched
-- anywhere (or, when none does, as many as any document holds); its score
-- is the sum of each word's best BM25 weight times the weight of the match.
-- How well it matched comes first (`level`): 1, it holds the words as typed,
-- side by side (the last may be the start of a word: "east sus"); 2, it holds
-- every word exactly, apart; 3, only some of them, or similar words
-- ("hubs" for "hub"). `best_level` and `best_total` say which level the best
-- hits reach and how many documents reach it.
with
phrase as (
    select trim(regexp_replace(lower(strip_accents($q)), '(\.|[^a-z0-9])+', ' ', 'g')) as text
),

typed as (
    select
        unnest(
            string_split(
                trim(regexp_replace(lower(strip_accents($q)), '(\.|[^a-z0-9])+', ' ', 'g')), ' '
            )
        ) as token
),

tokens as (
    select distinct typed.token
    from typed
    where typed.token <> ''
        and typed.token not in (select search.stopwords.word from search.stopwords)
),

candidates as (
    select tokens.token, words.termid, 1.0 as weight
    from tokens
    inner join search.words as words on tokens.token = words.word
    union all
    select tokens.token, words.termid, 0.8
    from tokens
    inner join search.words as words on starts_with(words.word, tokens.token)
    where length(tokens.token) >= 2
    union all
    select tokens.token, dictionary.termid, 0.9
    from tokens
    inner join search.dictionary as dictionary on starts_with(tokens.token, dictionary.term)
    where length(dictionary.term) >= 4
    union all
    select tokens.token, words.termid, 0.6
    from tokens
    inner join search.words as words
        on abs(length(words.word) - length(tokens.token)) <= 2
        and damerau_levenshtein(words.word, tokens.token) <= if(length(tokens.token) >= 8, 2, 1)
    where length(tokens.token) >= 4
),

matches as (
    select candidates.token, candidates.termid, max(candidates.weight) as weight
    from candidates
    group by candidates.token, candidates.termid
),

wanted as (
    select count(distinct matches.token) as tokens from matches
),

asked as (
    select count(*) as tokens from tokens
),

-- BM25 (k1 = 1.2, b = 0.75, Lucene's idf, never negative) from the counts
-- in the index; names (pilots, places, departments, programmes, barriers)
-- weigh 1.5 times the text that mentions them.
term_scores as (
    select
        terms.docid,
        terms.kind_order,
        matches.token,
        matches.termid,
        matches.weight,
        matches.weight
        * ln(1 + (stats.num_docs - dictionary.df + 0.5) / (dictionary.df + 0.5))
        * terms.tf * 2.2
        / (terms.tf + 1.2 * (0.25 + 0.75 * terms.len / stats.avgdl))
        * if(terms.kind_order in (1, 2, 3, 4, 6), 1.5, 1.0) as score
    from search.terms as terms
    inner join matches on terms.termid = matches.termid
    inner join search.dictionary as dictionary on terms.termid = dictionary.termid
    cross join search.stats as stats
),

token_scores as (
    select
        term_scores.docid,
        term_scores.kind_order,
        term_scores.token,
        max(term_scores.score) as score,
        max(term_scores.weight) as weight
    from term_scores
    group by term_scores.docid, term_scores.kind_order, term_scores.token
),

covered as (
    select
        token_scores.docid,
        token_scores.kind_order,
        sum(token_scores.score) as score,
        count(*) as matched,
        count(*) filter (where token_scores.weight = 1.0) as exact
    from token_scores
    group by token_scores.docid, token_scores.kind_order
),

-- Documents that hold every matched word; if none does, those holding the most.
scored as (
    select covered.*
    from covered
    where covered.matched = (select max(covered.matched) from covered)
),

normalised as (
    select
        scored.docid,
        ' ' || trim(regexp_replace(lower(strip_accents(documents.title)), '(\.|[^a-z0-9])+', ' ', 'g'))
        as title,
        ' ' || trim(regexp_replace(lower(strip_accents(coalesce(documents.body, ''))), '(\.|[^a-z0-9])+', ' ', 'g'))
        as body
    from scored
    inner join search.documents as documents on scored.docid = documents.docid
),

levelled as (
    select
        scored.*,
        case
            when phrase.text <> ''
                and (contains(normalised.title, ' ' || phrase.text) or contains(normalised.body, ' ' || phrase.text))
                then 1
            when scored.exact = (select asked.tokens from asked) then 2
            else 3
        end as level
    from scored
    inner join normalised on scored.docid = normalised.docid
    cross join phrase
),

best as (
    select min(levelled.level) as best_level from levelled
),

-- Ties go by name, so the order does not depend on when a document was indexed.
ranked as (
    select
        levelled.*,
        row_number() over (
            partition by levelled.kind_order
            order by
                levelled.level,
                levelled.score desc,
                documents.label,
                documents.entity_id,
                documents.body,
                levelled.docid
        ) as kind_rank,
        count(*) over (partition by levelled.kind_order) as kind_total,
        min(levelled.level) over (partition by levelled.kind_order) as kind_level,
        max(levelled.score) over (partition by levelled.kind_order) as kind_best,
        best.best_level,
        count(*) filter (where levelled.level = best.best_level) over () as best_total
    from levelled
    inner join search.documents as documents on levelled.docid = documents.docid
    cross join best
),

kept as (
    select ranked.*
    from ranked
    where ranked.kind_rank <= $per_kind
),

marked_words as (
    select kept.docid, list(distinct words.word) as words
    from kept
    inner join term_scores on kept.docid = term_scores.docid
    inner join search.words as words on term_scores.termid = words.termid
    group by kept.docid
),

final as (
    select
        documents.kind,
        documents.entity_id,
        documents.label,
        documents.detail,
        kept.score,
        kept.matched,
        kept.level,
        kept.best_level,
        kept.best_total,
        (select wanted.tokens from wanted) as wanted,
        (select asked.tokens from asked) as asked,
        kept.kind_rank,
        kept.kind_total,
        kept.kind_level,
        kept.kind_best,
        coalesce(marked_words.words, []) as words
    from kept
    inner join search.documents as documents on kept.docid = documents.docid
    left join marked_words on kept.docid = marked_words.docid
)

select * from final
order by final.kind_level, final.kind_best desc, final.kind, final.kind_rank;
