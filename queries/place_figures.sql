-- Figures the sources give about a place and the places within it (not tied to
-- a programme: those are a pilot's, on its page), and beside them any figure
-- about a place above it that the same passage of the same source gives, since
-- that is the comparison the source makes (Hastings: 29.6% of homes privately
-- rented, England 17.3%; data audit NI2). $place: a place_id.
with
within as (
    select place_lineage_summary.place_id
    from place_lineage_summary
    where list_contains(place_lineage_summary.ancestor_ids, $place)
),

above as (
    select unnest(place_lineage_summary.ancestor_ids) as place_id
    from place_lineage_summary
    where place_lineage_summary.place_id = $place
),

own as (
    select context_figures.*, 0 as beside
    from context_figures
    where
        context_figures.programme_id is null
        and context_figures.place_id in (select within.place_id from within)
),

compared as (
    select context_figures.*, 1 as beside
    from context_figures
    where
        context_figures.programme_id is null
        and context_figures.place_id in (select above.place_id from above)
        and context_figures.place_id <> $place
        and exists (
            select 1
            from own
            where own.source_id = context_figures.source_id and own.locator = context_figures.locator
        )
),

final as (
    select
        both_kinds.figure_id,
        both_kinds.place_id,
        places.name as place_name,
        both_kinds.measure || coalesce(' (' || both_kinds.period || ')', '') as measure,
        both_kinds.value,
        both_kinds.qualifier,
        both_kinds.unit,
        both_kinds.source_id,
        sources.title as source_title,
        both_kinds.locator,
        both_kinds.beside
    from (select * from own union all select * from compared) as both_kinds
    inner join places on both_kinds.place_id = places.place_id
    inner join sources on both_kinds.source_id = sources.source_id
)

select * from final
order by final.locator, final.beside, final.place_name, final.measure;
