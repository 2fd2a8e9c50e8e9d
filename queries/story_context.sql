-- Context figures for the "in numbers" slide: programme-wide ones first, then in curated order.
-- $programme: programme_id or null; $place: place_id or null (includes places within it).
-- With neither, nothing: the slide then uses the programme the caller chose.
with
figures_in_scope as (
    select
        context_figures.rowid as curated_order,
        context_figures.*
    from context_figures
    left join place_lineage on context_figures.place_id = place_lineage.place_id
    where
        ($programme is not null or $place is not null)
        and ($programme is null or context_figures.programme_id = $programme)
        and ($place is null or list_contains(place_lineage.ancestor_ids, $place))
),

final as (
    select
        figures_in_scope.figure_id,
        figures_in_scope.place_id,
        figures_in_scope.subject,
        figures_in_scope.measure,
        figures_in_scope.unit,
        figures_in_scope.value,
        figures_in_scope.qualifier,
        figures_in_scope.period,
        sources.title as source_title,
        figures_in_scope.locator,
        figures_in_scope.curated_order
    from figures_in_scope
    inner join sources on figures_in_scope.source_id = sources.source_id
)

select * from final
order by final.place_id is not null, final.curated_order, final.figure_id;
